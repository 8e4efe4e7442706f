//===- Locksets.h - Which locks are held where ------------------*- C++ -*-===//
//
// Flow-sensitive locksets: for every statement the CFG of a function
// evaluates, the set of locks that are held on *every* path reaching it
// (a must-analysis: paths meet by intersection), each with the mode it is
// held in (exclusive or shared) and where it was acquired, for notes.
//
//   void f() {
//     m.lock();                              // {}        before the call
//     x = 1;                                 // {m}       acquired at m.lock()
//     if (c) m.unlock();                     // {m}
//     y = 2;                                 // {}        (one path released it)
//     std::unique_lock lk(n, std::try_to_lock);
//     if (lk.owns_lock()) z = 3;             // {n} on the true branch only
//   }                                        // lk's destructor releases n
//
// Transfer: lock operations from LockCatalog (guards are released by their
// destructors in the CFG; unique_lock unlock()/lock()/release() follow the
// guard; try_lock and owns_lock() refine the lockset on the branch that
// tests them), and calls of same-TU functions apply the callee's summary:
// the locks it leaves held (a `lock_all()` helper) and the locks it releases;
// a callee that returns holding a lock with one result only (a try-lock of
// the program's own) holds it on the branch that tests for that result.
// Summaries are built bottom-up on demand over the call graph; recursion is
// cut by using a callee's partial summary and re-running the function once
// the cycle closes. A function's REQUIRES(m) attribute puts m in its entry
// lockset; `mu.AssertHeld()` holds mu from there on, as its caller's; so
// does the branch of `if (lock) mu.Lock();` that does not take it (a flag
// parameter that tells the function whether its caller took the lock).
//
// Who uses this: the race checks (locks held at each access), and the lock
// checks (relock, lock order, blocking under lock, lock across suspension,
// lost wake-ups): heldBefore() at a call or co_await, acquiredAt notes.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_LOCKSETS_H
#define CONCUR_CHECKS_MODEL_LOCKSETS_H

#include "ConcurrencyModel.h"
#include "Dataflow.h"
#include "LockCatalog.h"

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <map>
#include <memory>
#include <tuple>
#include <optional>
#include <vector>

namespace clang {
class ParmVarDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace concur {

class LockBindings;

/// One lock held at a program point.
struct HeldLock {
  LockId Id;
  LockMode Mode = LockMode::Exclusive;
  /// Where it was acquired (the lock call or guard construction); in a
  /// caller, the call of the function that acquired it.
  const clang::Expr *AcquiredAt = nullptr;
  /// The guard variable that releases it, if any.
  const clang::VarDecl *Guard = nullptr;
  /// Acquisitions not yet released (recursive mutexes, or a relock bug).
  unsigned Depth = 1;
  /// Held by the caller, as an assertion says (`mu.AssertHeld()`) on some
  /// path here: releasing it lets go of the caller's lock.
  bool Callers = false;
  /// Equal as facts (where they were acquired is only for notes).
  bool operator==(const HeldLock &O) const {
    return Id == O.Id && Mode == O.Mode && Guard == O.Guard && Depth == O.Depth &&
           Callers == O.Callers;
  }
};

/// Locks held at a point, ordered by the source position of the mutex's
/// declaration (deterministic).
using Lockset = llvm::SmallVector<HeldLock, 2>;

/// The held lock \p Id in \p Set, or null.
const HeldLock *findLock(const Lockset &Set, LockId Id);
/// Whether some lock is held in both sets, at least one side exclusively
/// (two readers of one shared_mutex do not exclude each other).
const HeldLock *commonExclusion(const Lockset &A, const Lockset &B);
/// \p A with \p B's locks added (for a callee's lockset inside a caller).
Lockset unionOf(const Lockset &A, const Lockset &B);
/// The lock \p Id of a callee as its caller sees it at \p Call: a lock the
/// callee names by its own parameter is the caller's argument (empty if the
/// argument is not a recognisable mutex); any other lock is itself.
LockId lockInCaller(const LockCatalog &Catalog, LockId Id, const clang::Expr *Call);

/// A lock a function hands to its caller with some of its results only: a
/// try-lock of the program's own (`return 0;` still holding the page's
/// lock, `return -1;` after releasing it; a lookup that returns the entry
/// locked or null). The caller holds it where it finds the result truthy
/// (WhenTruthy) or falsy (!WhenTruthy).
struct ResultLock {
  HeldLock Lock;
  bool WhenTruthy = true;
  bool operator==(const ResultLock &O) const {
    return Lock == O.Lock && WhenTruthy == O.WhenTruthy;
  }
};

/// A function's effect on the caller's lockset.
struct LockSummary {
  /// Locks held when it returns that were not held on entry.
  Lockset Acquired;
  /// Locks it releases that it did not acquire.
  llvm::SmallVector<LockId, 1> Released;
  /// Where it first lets go of each (by source order): what it does with
  /// the lock before that runs with the caller's hold.
  llvm::SmallVector<const clang::Stmt *, 1> ReleasedAt;
  /// Guards lent by the caller (`scoped_lock &lk` parameters) that it
  /// unlocks on some path: whatever the caller's guard holds may be let go.
  llvm::SmallVector<const clang::ParmVarDecl *, 1> UnlockedGuards;
  /// Lent guards it locks again (`lk.lock()`) and leaves held on every
  /// path: the caller's guard holds its mutex once the call returns.
  llvm::SmallVector<const clang::ParmVarDecl *, 1> RelockedGuards;
  /// Locks it leaves held on the returns of one truthiness only, every
  /// other return known to give the other one and not to hold it.
  llvm::SmallVector<ResultLock, 1> HeldByResult;
  bool operator==(const LockSummary &O) const;
};

/// Lock facts of one function.
class FunctionLocks {
public:
  /// Locks held just before the CFG element statement \p S (calls,
  /// constructions, declarations, and whatever else the CFG lists as an
  /// element); null if \p S is not an element or is unreachable.
  const Lockset *heldBefore(const clang::Stmt *S) const;
  /// Like heldBefore, for the innermost of \p Ancestors (innermost last)
  /// that is an element: the lockset of an arbitrary sub-expression.
  const Lockset *heldAround(llvm::ArrayRef<const clang::Stmt *> Ancestors) const;
  /// Locks held on entry (REQUIRES).
  const Lockset &entry() const { return Entry; }
  const LockSummary &summary() const { return Summary; }
  /// Whether a CFG was available (if not, every lockset is the entry one).
  bool hasCFG() const { return HasCFG; }

private:
  friend class Locksets;
  Lockset Entry;
  LockSummary Summary;
  bool HasCFG = false;
  std::vector<Lockset> Interned;
  llvm::DenseMap<const clang::Stmt *, unsigned> Before;
};

/// The mutexes a guard variable manages, and in which mode.
struct GuardBinding {
  llvm::SmallVector<LockId, 2> Locks;
  LockMode Mode = LockMode::Exclusive;
};

/// The locks a function takes only when a flag parameter is truthy (or
/// only when it is falsy); see FunctionGuards::ByFlag.
struct FlagLock {
  llvm::SmallVector<LockId, 1> Locks;
  LockMode Mode = LockMode::Exclusive;
  bool TakenWhenTruthy = true;
};

/// Flow-insensitive guard facts of one function: its lock operations, the
/// variable each guard construction initialises, and the mutexes of each
/// guard it constructs.
struct FunctionGuards {
  llvm::DenseMap<const clang::Stmt *, LockOperation> Ops;
  llvm::DenseMap<const clang::Expr *, const clang::VarDecl *> GuardVarOf;
  llvm::DenseMap<const clang::VarDecl *, GuardBinding> Local;
  /// Scoped unlockers (LockShapes.h): the locks each lets go of until its
  /// destructor takes them back, and its construction (for notes).
  llvm::DenseMap<const clang::VarDecl *, std::pair<const clang::Expr *, llvm::SmallVector<LockId, 1>>>
      Unlocked;
  /// A lock taken only where a flag parameter says so (`if (lock)
  /// mu.Lock();`, rocksdb's `need_mutex_lock`, C's `int locked`): keyed by
  /// the flag's test, the locks, and whether the truthy flag takes them.
  /// Along the branch that does not, the caller holds them: the flag tells
  /// the function who took the lock, so the accesses it guards are guarded
  /// on both paths (FlagLock).
  llvm::DenseMap<const clang::Expr *, FlagLock> ByFlag;
  /// A `for` statement that runs its body once with a lock held, the C
  /// macro idiom of a scoped lock: it locks in its initialiser or on its
  /// condition's first evaluation and unlocks in its increment or on the
  /// condition's second (`for (i = 0; i ? (unlock(&m), 0) : (lock(&m), 1);
  /// i = 1)`). Its body holds the locks (the loop's edge into the body
  /// takes them, its way out lets go of them); the lock and unlock calls
  /// themselves, in SyncLoopOps, change nothing.
  llvm::DenseMap<const clang::Stmt *, llvm::SmallVector<std::pair<LockId, LockMode>, 1>>
      SyncLoops;
  llvm::DenseSet<const clang::Stmt *> SyncLoopOps;
};

/// Whether a lock a caller holds names the same mutex in its callees: a
/// member's or a global's (a parameter's or a local's names nothing there).
bool namedInCallees(LockId Id);

class Locksets : public ModelAnalysis {
public:
  explicit Locksets(ConcurrencyModel &Model);
  ~Locksets() override;

  /// The lock facts of \p F's definition (built on first use, with the
  /// summaries of its same-TU callees).
  const FunctionLocks &of(const clang::FunctionDecl *F);
  const LockCatalog &catalog() const { return Catalog; }
  ConcurrencyModel &model() { return Model; }

  /// Whether \p S, a statement of \p Def, is a lock or unlock call of a
  /// scoped-lock `for` (FunctionGuards::SyncLoops): its body's scope
  /// decides the lock, as a guard's does.
  bool scopedByLoop(const clang::FunctionDecl *Def, const clang::Stmt *S);

  /// The locks every caller holds when it calls \p F, when all of F's
  /// callers are in this TU (F is private or protected, has internal
  /// linkage, is declared in the main file, or is defined out of line in
  /// it: the implementation file's calls stand for all) and F is only ever called
  /// directly: the locks a helper such as `StartWorkers() // mu_ held`
  /// runs under, as RacerD infers them. Only the callers' member and
  /// global locks count; empty for a function with no caller here.
  Lockset heldByEveryCaller(const clang::FunctionDecl *F);

  /// What of \p Before (held at \p Call of \p Callee) stays held through the
  /// callee's body: not the locks of a guard lent to a callee that unlocks
  /// it (`do_wait(lk)` calling `lk.unlock()` before it blocks).
  Lockset heldThroughCall(const Lockset &Before, const clang::Expr *Call,
                          const clang::FunctionDecl *Callee);

  /// What of \p Before, held at the call \p Entered, is still held where
  /// \p Path leads inside it (each call of Path is in the previous one's
  /// callee, the first in Entered's), and at \p Final in the last callee
  /// if given: not the caller's locks that some function along the way
  /// lets go of on every path to its next step, and has not taken back
  /// (`mu->Unlock(); worker.join(); mu->Lock();`), nor those of a lent
  /// guard a callee unlocks (heldThroughCall). A branch on a parameter
  /// the call passes a constant goes one way (`Check(max, /*locked=*/
  /// true)` takes the branch that unlocks).
  Lockset heldAlong(const Lockset &Before, const CallSite &Entered,
                    llvm::ArrayRef<const CallSite *> Path, const clang::Stmt *Final = nullptr);

  /// The mutexes of a guard lent by reference (`void execute(
  /// std::unique_lock<std::mutex> &lk)`): those of the guard every caller
  /// passes, when all callers are visible and agree; none otherwise. So
  /// `lk.lock()` in the callee takes the caller's mutex.
  std::optional<GuardBinding> lentGuard(const clang::ParmVarDecl *P);

private:
  bool callersAllVisible(const clang::FunctionDecl *F) const;
  /// The locks every caller of \p Caller holds that \p Caller keeps held
  /// throughout its body.
  Lockset inheritedThrough(const clang::FunctionDecl *Caller);
  /// Direct call sites of \p F (canonical) in this TU, with their callers.
  llvm::ArrayRef<std::pair<const clang::FunctionDecl *, const CallSite *>>
  callsOf(const clang::FunctionDecl *F);
  const FunctionGuards &guardsOf(const clang::FunctionDecl *Def, const clang::CFG &G);
  void compute(const clang::FunctionDecl *Def, FunctionLocks &Out);
  /// Whether the caller's lock \p Id, held when \p Def is entered by
  /// \p Call, is still held on some path to its element \p S (Def's
  /// transfer run once more, with Id in the entry lockset, paths joined by
  /// union, and the branches Call's constant arguments rule out not taken).
  bool callersLockHeldAt(const clang::FunctionDecl *Def, LockId Id, const clang::Stmt *S,
                         const clang::Expr *Call);
  /// callersLockHeldAt's may-locksets, by function, lock and entering call.
  std::map<std::tuple<const void *, const void *, const void *>,
           std::vector<std::optional<Lockset>>>
      MayHeld;

  ConcurrencyModel &Model;
  LockCatalog Catalog;
  /// The pointers that borrow one mutex, which Catalog follows.
  std::unique_ptr<LockBindings> Bindings;
  enum class State { InProgress, Done };
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionLocks>> Facts;
  llvm::DenseMap<const clang::FunctionDecl *, State> Status;
  llvm::DenseMap<const clang::FunctionDecl *, bool> InCycle;
  llvm::DenseMap<const clang::FunctionDecl *, std::optional<Lockset>> CallerHeld;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionGuards>> Guards;
  /// Memo of lentGuard; an entry without a value is in progress or unknown.
  llvm::DenseMap<const clang::ParmVarDecl *, std::optional<GuardBinding>> LentGuards;
  /// Callee (canonical) -> its direct call sites, with the calling function.
  llvm::DenseMap<const clang::FunctionDecl *,
                 llvm::SmallVector<std::pair<const clang::FunctionDecl *, const CallSite *>, 2>>
      CallsOf;
  bool CallsOfBuilt = false;
};

} // namespace concur

#endif
