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
// The Python Event/Condition notes' pitfalls (spurious and lost wake-ups)
// are questions about these facts.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_CONDITIONWAITS_H
#define CONCUR_CHECKS_MODEL_CONDITIONWAITS_H

#include "ConcurrencyModel.h"
#include "LockCatalog.h"

#include "llvm/ADT/SmallVector.h"

#include <vector>

namespace clang {
class CallExpr;
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
  /// The wait is a primitive for callers: its lock or mutex is a
  /// parameter (`void wait(Mutex &mu) { cv_.wait(...mu...); }`), so the
  /// loop that re-checks state is the caller's.
  bool LockFromCaller = false;
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

  const std::vector<ConditionWait> &waits() const { return Waits; }
  const std::vector<ConditionNotify> &notifies() const { return Notifies; }

  /// If \p Call is a condition-variable wait: the mutexes it releases while
  /// waiting (through its unique_lock, or pthread_cond_wait's argument):
  /// the mutex, and the object it is a member of if that is a mutex too (a
  /// mutex wrapper's native mutex); nullopt if \p Call is not a wait.
  std::optional<llvm::SmallVector<LockId, 2>> releasedByWait(const clang::CallExpr *Call) const;

private:
  /// The expression naming the mutex a wait releases, if recognisable.
  const clang::Expr *waitMutexExpr(const clang::CallExpr *Call) const;

  ConcurrencyModel &Model;
  const LockCatalog Catalog;
  std::vector<ConditionWait> Waits;
  std::vector<ConditionNotify> Notifies;
};

} // namespace concur

#endif
