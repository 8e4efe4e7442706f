#include "WaitWithoutPredicateCheck.h"

#include "../model/ConditionWaits.h"
#include "../model/QualifiedNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace concur {
namespace {

// The location an expression writes, if it is an assignment, an increment
// or a mutating member call (`q.push(x)`, `flag.store(true)`).
const Expr *writtenObject(const Stmt *S) {
  if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp())
    return BO->getLHS();
  if (const auto *UO = dyn_cast<UnaryOperator>(S); UO && UO->isIncrementDecrementOp())
    return UO->getSubExpr();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S); OC && OC->isAssignmentOp())
    return OC->getArg(0);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *M = MC->getMethodDecl(); M && !M->isConst())
      return MC->getImplicitObjectArgument();
  return nullptr;
}

} // namespace

WaitWithoutPredicateCheck::WaitWithoutPredicateCheck(llvm::StringRef Name,
                                                     clang::tidy::ClangTidyContext *Context)
    : LockCheckBase(Name, Context, /*FollowsCalls=*/false),
      CheckLostWakeups(Options.get("CheckLostWakeups", true)) {}

void WaitWithoutPredicateCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  LockCheckBase::storeOptions(Opts);
  Options.store(Opts, "CheckLostWakeups", CheckLostWakeups);
}

void WaitWithoutPredicateCheck::analyze(ConcurrencyModel &Model) {
  const auto &Conditions = Model.analysis<ConditionWaits>();
  for (const ConditionWait &W : Conditions.waits()) {
    if (W.HasPredicate || W.RecheckLoop || W.LockFromCaller || (W.Timed && W.RecheckedAfter))
      continue;
    std::string Name = W.Condition ? W.Condition.name() : std::string("the condition");
    diag(W.Call->getBeginLoc(),
         "wait on '%0' with no predicate and no loop re-checking the awaited state: it can "
         "return on a spurious wake-up, and %select{it sleeps forever|it waits out its "
         "timeout}1 if the notify came before it; pass a predicate (cv.wait(lock, [&] { "
         "return ready; })) or wait in a 'while (!ready)' loop")
        << Name << W.Timed;
  }
  if (CheckLostWakeups)
    for (const ConditionNotify &N : Conditions.notifies())
      checkNotify(Model, Conditions, N);
}

void WaitWithoutPredicateCheck::checkNotify(ConcurrencyModel &Model,
                                            const ConditionWaits &Conditions,
                                            const ConditionNotify &Notify) {
  if (!Notify.Condition)
    return;
  // What the waiters of this condition test, under which mutex.
  const ConditionWait *Waiter = nullptr;
  llvm::SmallVector<const ValueDecl *, 4> State;
  for (const ConditionWait &W : Conditions.waits())
    if (W.Condition == Notify.Condition && W.Mutex) {
      if (!Waiter)
        Waiter = &W;
      if (W.Mutex == Waiter->Mutex)
        for (const ValueDecl *D : W.State)
          if (!llvm::is_contained(State, D))
            State.push_back(D);
    }
  if (!Waiter || State.empty())
    return;
  LockId Mutex = Waiter->Mutex;
  auto &Acquisitions = Model.analysis<LockAcquisitions>();
  // A guard handed in by the caller (`void signal(Lock &held)`) holds the
  // caller's lock: the change and the notify happen under it.
  for (const ParmVarDecl *P : Notify.In->parameters())
    if (Acquisitions.isScopedGuard(P->getType()))
      return;
  // A helper every caller calls with the mutex held.
  if (findLock(Acquisitions.locksets().heldByEveryCaller(Notify.In), Mutex))
    return;
  const FunctionLocks &Locks = Acquisitions.locksets().of(Notify.In);
  const Lockset *AtNotify = Locks.heldBefore(Notify.Call);
  if (!AtNotify || findLock(*AtNotify, Mutex))
    return;
  const SourceManager &SM = Model.astContext().getSourceManager();
  auto Before = [&](const Stmt *A, const Stmt *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  };
  const CFG *G = Model.cfg(Notify.In);
  if (!G)
    return;
  const Expr *Write = nullptr;
  LockId Written;
  for (const CFGBlock *B : *G)
    for (const CFGElement &E : *B) {
      auto CS = E.getAs<CFGStmt>();
      const Expr *Target = CS ? writtenObject(CS->getStmt()) : nullptr;
      if (!Target || !Before(CS->getStmt(), Notify.Call))
        continue;
      LockId Id = LockCatalog::objectIdOf(Target);
      if (!Id || !llvm::is_contained(State, Id.Decl))
        continue;
      const Lockset *Held = Locks.heldBefore(CS->getStmt());
      if (!Held || findLock(*Held, Mutex))
        continue;
      if (!Write || Before(CS->getStmt(), Write)) {
        Write = cast<Expr>(CS->getStmt());
        Written = Id;
      }
    }
  if (!Write)
    return;
  // Taking the mutex between the change and the notify (even an empty
  // critical section) orders the change before the waiter's test.
  for (const DirectAcquisition &D : Acquisitions.of(Notify.In).Direct)
    if (D.What.Id == Mutex && Before(Write, D.What.Site) && Before(D.What.Site, Notify.Call))
      return;
  // Point at a waiter that tests this very location.
  for (const ConditionWait &W : Conditions.waits())
    if (W.Condition == Notify.Condition && W.Mutex == Mutex &&
        llvm::is_contained(W.State, Written.Decl)) {
      Waiter = &W;
      break;
    }
  diag(Write->getBeginLoc(),
       "'%0' is changed without holding '%1' and then '%2' is notified: a waiter that has "
       "tested '%0' under '%1' but not yet started waiting misses the notification and "
       "can sleep forever (lost wake-up); change '%0' while holding '%1'")
      << Written.name() << Mutex.name() << Notify.Condition.name();
  diag(Notify.Call->getBeginLoc(), "'%0' is notified here", DiagnosticIDs::Note)
      << Notify.Condition.name();
  diag(Waiter->Call->getBeginLoc(), "the waiter tests '%0' under '%1' here", DiagnosticIDs::Note)
      << Written.name() << Mutex.name();
}

} // namespace concur
