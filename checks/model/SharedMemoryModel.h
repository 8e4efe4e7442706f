//===- SharedMemoryModel.h - Memory shared between processes --*- C++ -*-===//
//
// multiprocessing's Value/Array in C++ is mmap(MAP_SHARED) (anonymous, of a
// file, or of a shm_open object): the one kind of memory that processes
// really share. This analysis finds
//  - regions: the pointer variables and fields a MAP_SHARED mapping is
//    stored into (through casts and placement new), and local pointers
//    initialised from them;
//  - plain writes through them (`*p = v`, `p->n += 1`, `++p[i]`), with the
//    locks held there (the lockset model) and the process that runs them
//    relative to each fork(): the child branch, the parent's code after the
//    fork, or code before any fork (one process, not counted);
//  - whether a region is written by more than one process: a child of a
//    fork() inside a loop (several children), the parent and a child, two
//    children of different forks, code both processes run after an untested
//    fork(), or a shm_open() mapping (other programs open it by name).
// A write is synchronised when a process-shared lock is held: a mutex that
// lives in the shared memory itself, concur::ProcessMutex, or a pthread
// mutex in a TU that sets PTHREAD_PROCESS_SHARED. Atomic writes (std::atomic
// operations, _Atomic, __atomic builtins) are not plain writes.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_SHAREDMEMORYMODEL_H
#define CONCUR_CHECKS_MODEL_SHAREDMEMORYMODEL_H

#include "ForkModel.h"

#include <deque>
#include <functional>
#include <vector>

namespace clang {
class ValueDecl;
} // namespace clang

namespace concur {

struct SharedRegion {
  const clang::ValueDecl *Pointer = nullptr; ///< variable or field holding it
  const clang::Expr *Mapping = nullptr;      ///< the mmap call
  bool Named = false;                        ///< mapped from shm_open
};

/// Which process runs a write, relative to one fork site.
struct WriterContext {
  enum Kind { Child, Parent };
  Kind Side;
  const ForkSite *Fork;
  bool operator==(const WriterContext &O) const { return Side == O.Side && Fork == O.Fork; }
};

struct SharedWrite {
  const clang::Expr *Write = nullptr; ///< the assignment or ++/--
  const clang::FunctionDecl *In = nullptr;
  const SharedRegion *Region = nullptr;
  /// Whether a process-shared lock is held.
  bool Synchronized = false;
  /// Locks held that are not known to be process-shared: their names and
  /// the generic names of their types (a check may know more such types).
  llvm::SmallVector<std::pair<std::string, std::string>, 1> OtherLocks;
  llvm::SmallVector<WriterContext, 2> Contexts;
};

class SharedMemoryModel : public ModelAnalysis {
public:
  explicit SharedMemoryModel(ConcurrencyModel &Model);

  const std::deque<SharedRegion> &regions() const { return Regions; }
  const std::vector<ForkSite> &forkSites() const { return Forks; }
  /// Plain writes into shared regions, in index order.
  const std::vector<SharedWrite> &writes() const { return Writes; }
  /// Whether several processes may write \p R at once (see the file comment).
  bool contended(const SharedRegion &R) const;
  /// Whether \p Fork runs inside a loop (so it makes several children).
  bool forkInLoop(const ForkSite &Fork) const;

private:
  void findRegions();
  /// Pointers that receive a region: local copies, parameters it is passed
  /// to, results of functions that return it.
  void findAliases();
  void findWrites();
  void classify(SharedWrite &W, llvm::ArrayRef<const clang::Stmt *> Ancestors);
  /// The CFG elements of \p F before which a semaphore in shared memory is
  /// held on every path (sem_wait ... sem_post), memoised.
  const llvm::DenseSet<const clang::Stmt *> &
  semaphoreHeld(const clang::FunctionDecl *F,
                const std::function<bool(const clang::Expr *)> &InMapping);

  ConcurrencyModel &Model;
  ForkModel &Forking;
  std::vector<ForkSite> Forks;
  std::deque<SharedRegion> Regions; // stable addresses: writes point in
  std::vector<SharedWrite> Writes;
  bool SetsProcessShared = false;
  /// Functions returning a mapping, and the region they return.
  llvm::DenseMap<const clang::FunctionDecl *, const SharedRegion *> Returning;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::DenseSet<const clang::Stmt *>> SemHeld;
  /// Per fork: same-TU functions the child (resp. the parent) calls after it.
  std::vector<llvm::DenseSet<const clang::FunctionDecl *>> ChildReach, ParentReach;
};

} // namespace concur

#endif
