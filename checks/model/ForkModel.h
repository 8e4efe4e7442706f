//===- ForkModel.h - fork() sites, their child branches, threads -*- C++ -*-===//
//
// fork() copies the whole address space but only the calling thread. A lock
// another thread held at that instant (malloc's arena lock, stdio's, a
// logger's mutex) stays locked forever in the child, so POSIX only allows
// async-signal-safe calls in the child of a multithreaded process, until it
// calls exec* or _exit. This analysis answers, per fork site:
//  - what the child branch runs before exec*/_exit: the branch is found by
//    evaluating the tests of fork()'s result (`pid == 0`, `!pid`,
//    `pid > 0`, `switch (pid)`), then walked over the CFG;
//  - whether other threads may be running when fork() is called:
//    a thread start (std::thread/jthread, std::async, pthread_create, a pool
//    constructed or submitted to) live on some path before the fork, in the
//    forking function or, at the call of the forking function, in a caller;
//    same-TU callees that leave threads running count as starts; a start
//    whose thread ends (join, future get/wait, end of a jthread's or pool's
//    scope) before the fork does not. Or the fork runs on a spawned thread.
// Library calls that fork internally (concur::ProcessPool's constructor)
// are fork sites without a visible child branch.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_FORKMODEL_H
#define CONCUR_CHECKS_MODEL_FORKMODEL_H

#include "ConcurrencyModel.h"
#include "SpawnSites.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

#include <memory>
#include <optional>
#include <vector>

namespace clang {
class CFGBlock;
class CFGElement;
class VarDecl;
} // namespace clang

namespace concur {

struct ForkSite {
  const clang::Expr *Call = nullptr;
  const clang::FunctionDecl *In = nullptr;
  /// A library function that forks inside (no child branch to inspect).
  bool Opaque = false;
};

/// What the child of a fork() runs before it execs or exits.
struct ChildBranch {
  enum Outcome {
    ExecsAtOnce,        ///< only async-signal-safe calls, then exec*/_exit
    CallsBeforeExec,    ///< some other call runs first (FirstUnsafeCall)
    ReturnsIntoProgram, ///< the child leaves the function without exec/_exit
    Untested,           ///< fork()'s result is never tested: both run on
  };
  Outcome Result = Untested;
  const clang::Expr *FirstUnsafeCall = nullptr;
  const clang::FunctionDecl *UnsafeCallee = nullptr;
  /// Blocks (IDs in the forking function's CFG) the child runs, and blocks
  /// that run after the fork at all (child or parent).
  llvm::DenseSet<unsigned> ChildBlocks, AfterForkBlocks;
  /// The call sites in ChildBlocks, and those in the parent's blocks.
  std::vector<const CallSite *> ChildCalls, ParentCalls;
};

/// Why other threads may be running when a fork happens.
struct ThreadEvidence {
  /// The thread start (spawn, pool construction or submit).
  const clang::Expr *Start = nullptr;
  /// Calls from the function where the evidence was found to the function
  /// containing Start (empty: Start is in that function).
  CallPath ToStart;
  /// When the evidence is in a caller: the calls from that caller down to
  /// the forking function.
  CallPath ToFork;
  /// When the fork itself runs on a spawned thread: that spawn.
  const SpawnSite *RunsOn = nullptr;
};

class ForkModel : public ModelAnalysis {
public:
  explicit ForkModel(ConcurrencyModel &Model);

  /// Calls of fork() and of the \p ExtraForkFunctions (`ns::f` names;
  /// constructors as `ns::C::C`), in index order.
  std::vector<ForkSite> forks(const llvm::StringSet<> &ForkFunctions);
  /// The child branch of a (non-opaque) fork site, memoised.
  const ChildBranch &childOf(const ForkSite &Fork);
  /// Evidence that other threads may be running at \p Fork, if any.
  std::optional<ThreadEvidence> threadsAt(const ForkSite &Fork);
  /// Whether \p Call starts a thread that outlives the statement (spawns,
  /// pool constructions), and the variable or field (a container of
  /// threads) whose lifetime or join ends it.
  bool startsThread(const clang::Stmt *Call, const clang::FunctionDecl *In,
                    const clang::ValueDecl *&Scope);

  static llvm::ArrayRef<const char *> defaultForkFunctions();
  /// exec*, _exit and friends: the child is done with this program.
  static bool endsChild(const clang::FunctionDecl *Callee);
  /// Async-signal-safe functions a child may call before exec.
  static bool isAsyncSignalSafe(const clang::FunctionDecl *Callee);

  ConcurrencyModel &model() { return Model; }

private:
  struct Live {
    /// The local or field holding the thread; null: runs on.
    const clang::ValueDecl *Scope = nullptr;
    const clang::Expr *Start = nullptr;
    CallPath ToStart;
    bool operator==(const Live &O) const { return Scope == O.Scope && Start == O.Start; }
  };
  using LiveSet = llvm::SmallVector<Live, 2>;
  struct FunctionFlow {
    std::vector<std::optional<LiveSet>> In; // per block ID
    bool Built = false;
  };

  FunctionFlow &flowOf(const clang::FunctionDecl *F);
  void transfer(const clang::FunctionDecl *F, LiveSet &S, const clang::Stmt *St);
  void transferElement(const clang::FunctionDecl *F, LiveSet &S, const clang::CFGElement &E);
  /// Threads live just before element \p At of \p F (a call or construction).
  LiveSet liveBefore(const clang::FunctionDecl *F, const clang::Stmt *At);
  /// Threads \p F leaves running when it returns (memoised; cut at depth).
  const LiveSet &leftRunning(const clang::FunctionDecl *F, unsigned Depth);
  bool childCallIsSafe(const CallSite &C, unsigned Depth);
  /// Whether \p F (or a same-TU callee) joins the threads held in
  /// containers (`for (auto &t : workers_) t.join();`).
  bool joinsContainers(const clang::FunctionDecl *F, unsigned Depth);

  ConcurrencyModel &Model;
  SpawnSites &Spawns;
  // Boxed: building one function's flow builds its callees' (the maps grow
  // while a reference into them is in use).
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionFlow>> Flows;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<LiveSet>> LeftRunning;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
  llvm::DenseMap<const clang::Expr *, std::unique_ptr<ChildBranch>> Children;
  llvm::DenseMap<const clang::FunctionDecl *, bool> SafeFunctions;
  llvm::DenseMap<const clang::FunctionDecl *, bool> JoinsContainers;
  /// Callers of each function and their call sites (built on first need).
  std::optional<llvm::DenseMap<const clang::FunctionDecl *,
                               std::vector<std::pair<const clang::FunctionDecl *,
                                                     const CallSite *>>>>
      Callers;
};

} // namespace concur

#endif
