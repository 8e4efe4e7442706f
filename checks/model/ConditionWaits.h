//===- ConditionWaits.h - Condition-variable waits and notifies -*- C++ -*-===//
//
// Every wait on a condition variable in user code (std::condition_variable
// and _any wait/wait_for/wait_until, pthread_cond_wait/timedwait) and every
// notify (notify_one/notify_all, pthread_cond_signal/broadcast), with what
// the checks need to judge them:
//  - which condition variable (by declaration, as LockCatalog names mutexes)
//    and which mutex the wait releases while it sleeps;
//  - whether the wait has a predicate, or else an enclosing loop that
//    re-checks state after waking (`while (!ready) cv.wait(lk);`);
//  - the state the waiter tests: the variables and fields the predicate or
//    the loop condition reads (`ready`, `queue_`).
//
// Wait primitives are learned from their bodies: a function whose wait
// releases a mutex it did not acquire itself (the mutex is a parameter, or
// a lock adopted from the caller: `unique_lock lk(mu_->m, adopt_lock);
// cv_.wait(lk);`) waits on its caller's lock, as absl's CondVar::Wait(Mutex*)
// or a port::CondVar::Wait() do. A call of such a primitive is itself a
// condition wait, judged at the call: the caller's loop is the predicate
// loop, and the lock the caller holds is the one released while it sleeps.
//
// The Event/Condition pitfalls of docs/hazard-map.md (spurious and lost
// wake-ups) are questions about these facts.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_CONDITIONWAITS_H
#define CONCUR_CHECKS_MODEL_CONDITIONWAITS_H

#include "ConcurrencyModel.h"
#include "LockCatalog.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>

#include <vector>

namespace clang {
class CallExpr;
class ParentMap;
class Stmt;
} // namespace clang

namespace concur {

struct ConditionWait {
  const clang::CallExpr *Call = nullptr;
  const clang::FunctionDecl *In = nullptr;
  LockId Condition; ///< the condition variable
  LockId Mutex;     ///< the mutex the wait releases, if known
  bool HasPredicate = false;
  /// The innermost enclosing loop that re-checks state, if any.
  const clang::Stmt *RecheckLoop = nullptr;
  /// The wait has a timeout (wait_for, wait_until, pthread_cond_timedwait,
  /// a primitive whose waits all do): a lost notify costs the timeout, not
  /// a thread.
  bool Timed = false;
  /// A test after the wait reads state again (`o = queue_.front(); ... if
  /// (o == nullptr) return 0;`): the code does not assume the wake-up
  /// means the state is ready. With Timed, the wait is a bounded poll,
  /// judged as one with a predicate.
  bool RecheckedAfter = false;
  /// The wait is a primitive for callers: the mutex it releases is a
  /// parameter (`void wait(Mutex &mu) { cv_.wait(...mu...); }`) or a lock
  /// the function did not acquire itself, so the loop that re-checks state,
  /// and the lock released, are the caller's.
  bool LockFromCaller = false;
  /// The wait primitive this wait calls (null for a library wait).
  const clang::FunctionDecl *Primitive = nullptr;
  /// Variables and fields the predicate or the re-checking loop reads.
  llvm::SmallVector<const clang::ValueDecl *, 4> State;
};

struct ConditionNotify {
  const clang::CallExpr *Call = nullptr;
  const clang::FunctionDecl *In = nullptr;
  LockId Condition;
};

class ConditionWaits : public ModelAnalysis {
public:
  explicit ConditionWaits(ConcurrencyModel &Model);
  ~ConditionWaits() override;

  const std::vector<ConditionWait> &waits() const { return Waits; }
  const std::vector<ConditionNotify> &notifies() const { return Notifies; }

  /// If \p Call is a condition-variable wait: the mutexes it releases while
  /// waiting (through its unique_lock, or pthread_cond_wait's argument):
  /// the mutex, and the object it is a member of if that is a mutex too (a
  /// mutex wrapper's native mutex); nullopt if \p Call is not a wait.
  std::optional<llvm::SmallVector<LockId, 2>> releasedByWait(const clang::CallExpr *Call) const;

  /// Whether \p F is a wait primitive (see the file comment).
  bool isWaitPrimitive(const clang::FunctionDecl *F) const;
  /// Whether \p Call is a wait (library or primitive) that releases a lock
  /// its function's caller holds: from the caller's side it sleeps with
  /// that lock released, so it does not block the caller's lock holders.
  bool releasesCallersLock(const clang::Expr *Call) const {
    return CallerLockWaits.contains(Call);
  }

private:
  /// Records the wait at \p Site in \p F (a library wait \p Op, or a call
  /// of the wait primitive \p Primitive).
  void addWait(const clang::FunctionDecl *F, const CallSite &Site, int Op,
               const clang::FunctionDecl *Primitive);
  /// The expression naming the mutex a wait releases, if recognisable.
  const clang::Expr *waitMutexExpr(const clang::CallExpr *Call) const;

  ConcurrencyModel &Model;
  const LockCatalog &Catalog; ///< the model's one catalog (Locksets')
  std::vector<ConditionWait> Waits;
  std::vector<ConditionNotify> Notifies;
  llvm::DenseSet<const clang::FunctionDecl *> Primitives;
  llvm::DenseSet<const clang::Expr *> CallerLockWaits;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<clang::ParentMap>> Parents;
};

} // namespace concur

#endif
