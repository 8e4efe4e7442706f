#include "ConditionWaits.h"

#include "Dataflow.h"
#include "ExprWrappers.h"
#include "LockAcquisitions.h"
#include "Locksets.h"
#include "QualifiedNames.h"
#include "SpawnSites.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

#include <functional>

using namespace clang;

namespace concur {
namespace {

enum class CondOp { None, Wait, WaitFor, WaitUntil, PthreadWait, Notify };

CondOp classifyCall(const FunctionDecl *Callee) {
  if (!Callee)
    return CondOp::None;
  std::string Name = genericName(Callee);
  llvm::StringRef N(Name);
  // POSIX and C11 <threads.h>: the condition and the mutex are arguments.
  if (N == "pthread_cond_wait" || N == "pthread_cond_timedwait" || N == "cnd_wait" ||
      N == "cnd_timedwait")
    return CondOp::PthreadWait;
  if (N == "pthread_cond_signal" || N == "pthread_cond_broadcast" || N == "cnd_signal" ||
      N == "cnd_broadcast")
    return CondOp::Notify;
  if (!N.consume_front("std::condition_variable_any::") &&
      !N.consume_front("std::condition_variable::") && !N.consume_front("concur::CondVar::"))
    return CondOp::None;
  if (N == "wait")
    return CondOp::Wait;
  if (N == "wait_for")
    return CondOp::WaitFor;
  if (N == "wait_until")
    return CondOp::WaitUntil;
  if (N == "notify_one" || N == "notify_all")
    return CondOp::Notify;
  return CondOp::None;
}

const Expr *conditionExpr(const CallExpr *Call) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    return MC->getImplicitObjectArgument();
  return Call->getNumArgs() ? Call->getArg(0) : nullptr;
}

// Declarations an expression reads (variables and fields).
void collectReads(const Stmt *S, llvm::SmallVectorImpl<const ValueDecl *> &Out) {
  if (!S)
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    if (isa<VarDecl>(DRE->getDecl()) && !llvm::is_contained(Out, DRE->getDecl()))
      Out.push_back(DRE->getDecl());
  } else if (const auto *ME = dyn_cast<MemberExpr>(S)) {
    if (isa<FieldDecl>(ME->getMemberDecl()) && !llvm::is_contained(Out, ME->getMemberDecl()))
      Out.push_back(ME->getMemberDecl());
  } else if (const auto *L = dyn_cast<LambdaExpr>(S)) {
    collectReads(L->getBody(), Out);
    return;
  }
  for (const Stmt *Child : S->children())
    collectReads(Child, Out);
}

bool containsConditionalExit(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    std::function<bool(const Stmt *)> HasExit = [&](const Stmt *T) {
      if (!T)
        return false;
      if (isa<BreakStmt>(T) || isa<ReturnStmt>(T) || isa<ContinueStmt>(T) || isa<GotoStmt>(T))
        return true;
      if (isa<ForStmt>(T) || isa<WhileStmt>(T) || isa<DoStmt>(T) || isa<CXXForRangeStmt>(T) ||
          isa<LambdaExpr>(T))
        return false;
      for (const Stmt *C : T->children())
        if (HasExit(C))
          return true;
      return false;
    };
    if (HasExit(If->getThen()) || HasExit(If->getElse()))
      return true;
  }
  if (isa<LambdaExpr>(S))
    return false;
  for (const Stmt *C : S->children())
    if (containsConditionalExit(C))
      return true;
  return false;
}

/// Whether a test after \p Call (in \p PM's body) reads a field or a
/// global, directly or through a local assigned after the call: the state
/// is looked at again after the wake-up.
bool testsStateAfter(const Stmt *Call, const ParentMap &PM) {
  llvm::SmallVector<const ValueDecl *, 4> Fresh; // locals re-read after
  auto IsState = [&](const ValueDecl *D) {
    if (isa<FieldDecl>(D) || llvm::is_contained(Fresh, D))
      return true;
    const auto *V = dyn_cast<VarDecl>(D);
    return V && V->hasGlobalStorage();
  };
  auto ReadsState = [&](const Stmt *S) {
    llvm::SmallVector<const ValueDecl *, 4> Reads;
    collectReads(S, Reads);
    return llvm::any_of(Reads, IsState);
  };
  auto Visit = [&](const Stmt *S, auto &&Self) -> bool {
    if (!S || isa<LambdaExpr>(S))
      return false;
    const Expr *Cond = branchConditionOf(S);
    if (Cond && ReadsState(Cond))
      return true;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit() && ReadsState(V->getInit()))
          Fresh.push_back(V);
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->getOpcode() == BO_Assign)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
            V && V->hasLocalStorage() && ReadsState(BO->getRHS()))
          Fresh.push_back(V);
    for (const Stmt *C : S->children())
      if (Self(C, Self))
        return true;
    return false;
  };
  // The statements after the one holding the call, in each enclosing
  // block, from the innermost out.
  for (const Stmt *Inner = Call, *P = PM.getParent(Call); P; Inner = P, P = PM.getParent(P)) {
    const auto *Block = dyn_cast<CompoundStmt>(P);
    if (!Block)
      continue;
    bool After = false;
    for (const Stmt *S : Block->body()) {
      if (After && Visit(S, Visit))
        return true;
      After |= S == Inner;
    }
  }
  return false;
}

bool isConstantTrue(const Expr *Cond, const ASTContext &Ctx) {
  if (!Cond)
    return true; // for (;;)
  bool Value = false;
  return !Cond->isValueDependent() && Cond->EvaluateAsBooleanCondition(Value, Ctx) && Value;
}

} // namespace

ConditionWaits::ConditionWaits(ConcurrencyModel &Model)
    : Model(Model), Catalog(Model.analysis<Locksets>().catalog()) {
  const SourceManager &SM = Model.astContext().getSourceManager();
  std::vector<const FunctionDecl *> Functions;
  for (const FunctionDecl *F : Model.index().functions())
    if (!SM.isInSystemHeader(F->getLocation()))
      Functions.push_back(F);
  // Library waits and notifies first; then calls of the wait primitives
  // they reveal, round by round (a wrapper of a wrapper is a primitive too).
  for (const FunctionDecl *F : Functions)
    for (const CallSite &Site : Model.callGraph().callsIn(F)) {
      CondOp Op = isa<CallExpr>(Site.Call) ? classifyCall(Site.Callee) : CondOp::None;
      if (Op == CondOp::Notify)
        Notifies.push_back({cast<CallExpr>(Site.Call), F,
                            Catalog.lockIdOf(conditionExpr(cast<CallExpr>(Site.Call)))});
      else if (Op != CondOp::None)
        addWait(F, Site, int(Op), nullptr);
    }
  for (unsigned Round = 0; Round < 4; ++Round) {
    llvm::DenseSet<const FunctionDecl *> Known = Primitives;
    size_t Before = Waits.size();
    for (const ConditionWait &W : Waits)
      if (W.LockFromCaller)
        Primitives.insert(W.In->getCanonicalDecl());
    if (Primitives.size() == Known.size())
      break;
    for (const FunctionDecl *F : Functions)
      for (const CallSite &Site : Model.callGraph().callsIn(F))
        if (isa<CallExpr>(Site.Call) && Site.Callee &&
            Primitives.contains(Site.Callee->getCanonicalDecl()) &&
            !Known.contains(Site.Callee->getCanonicalDecl()))
          addWait(F, Site, int(CondOp::Wait), Site.Callee);
    if (Waits.size() == Before)
      break;
  }
}

ConditionWaits::~ConditionWaits() = default;

bool ConditionWaits::isWaitPrimitive(const FunctionDecl *F) const {
  return F && Primitives.contains(F->getCanonicalDecl());
}

void ConditionWaits::addWait(const FunctionDecl *F, const CallSite &Site, int OpValue,
                             const FunctionDecl *Primitive) {
  const ASTContext &Ctx = Model.astContext();
  const auto *Call = cast<CallExpr>(Site.Call);
  CondOp Op = CondOp(OpValue);
  ConditionWait W;
  W.Call = Call;
  W.In = F;
  W.Primitive = Primitive;
  W.Condition = Catalog.lockIdOf(conditionExpr(Call));
  auto &Acquisitions = Model.analysis<LockAcquisitions>();
  auto AcquiredHere = [&](LockId Id) {
    return llvm::any_of(Acquisitions.of(F).Direct,
                        [&](const DirectAcquisition &D) { return D.What.Id == Id; });
  };
  if (Primitive) {
    // The primitive releases the lock this function holds at the call; it
    // waits on its own caller's lock when it took none of its own.
    const Lockset *Held = Acquisitions.locksets().of(F).heldBefore(Call);
    W.LockFromCaller = !Held || llvm::none_of(*Held, [&](const HeldLock &H) {
      return AcquiredHere(H.Id);
    });
    // A primitive whose own waits re-check their state waits for a
    // condition, as cv.wait(lock, predicate) does.
    const FunctionDecl *P = Primitive->getCanonicalDecl();
    auto Inners = llvm::make_filter_range(Waits, [&](const ConditionWait &Inner) {
      return Inner.In->getCanonicalDecl() == P;
    });
    W.HasPredicate = llvm::all_of(Inners, [](const ConditionWait &Inner) {
      return Inner.HasPredicate || Inner.RecheckLoop || (Inner.Timed && Inner.RecheckedAfter);
    });
    W.Timed = llvm::all_of(Inners, [](const ConditionWait &Inner) { return Inner.Timed; });
  } else {
    if (std::optional<llvm::SmallVector<LockId, 2>> M = releasedByWait(Call); M && !M->empty()) {
      W.Mutex = M->back();
      // A wait on a mutex this function never locks (adopted, or reached
      // through a pointer the caller locked) sleeps on the caller's lock.
      W.LockFromCaller = llvm::none_of(*M, AcquiredHere);
    }
    // A lock or mutex handed in by the caller: this is a wait primitive.
    auto IsParam = [](const Expr *E) {
      for (E = ignoreValueWrappers(E); E;) {
        if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
          return isa<ParmVarDecl>(DRE->getDecl());
        if (const auto *ME = dyn_cast<MemberExpr>(E))
          E = ignoreValueWrappers(ME->getBase());
        else if (const auto *U = dyn_cast<UnaryOperator>(E))
          E = ignoreValueWrappers(U->getSubExpr());
        else
          return false;
      }
      return false;
    };
    W.LockFromCaller |=
        (Op != CondOp::PthreadWait && IsParam(Call->getArg(0))) || IsParam(waitMutexExpr(Call));
    // Defaulted arguments (the runtime's source_location) are not the
    // user's predicate.
    unsigned Args = 0;
    while (Args < Call->getNumArgs() && !isa<CXXDefaultArgExpr>(Call->getArg(Args)))
      ++Args;
    W.Timed = Op == CondOp::WaitFor || Op == CondOp::WaitUntil ||
              (Op == CondOp::PthreadWait &&
               llvm::StringRef(genericName(Call->getDirectCallee())).contains("timedwait"));
    W.HasPredicate = (Op == CondOp::Wait && Args >= 2) ||
                     ((Op == CondOp::WaitFor || Op == CondOp::WaitUntil) && Args >= 3);
    if (W.HasPredicate)
      for (const FunctionDecl *Pred : resolveCallable(Call->getArg(Args - 1)))
        collectReads(Pred->getBody(), W.State);
  }
  if (W.LockFromCaller)
    CallerLockWaits.insert(Call);
  auto &PM = Parents[F];
  if (!PM)
    PM = std::make_unique<ParentMap>(F->getBody());
  W.RecheckedAfter = W.Timed && testsStateAfter(Call, *PM);
  for (const Stmt *P = PM->getParent(Call); P; P = PM->getParent(P)) {
    const Expr *Cond = nullptr;
    const Stmt *Body = nullptr;
    if (const auto *Wh = dyn_cast<WhileStmt>(P)) {
      Cond = Wh->getCond();
      Body = Wh->getBody();
    } else if (const auto *Do = dyn_cast<DoStmt>(P)) {
      Cond = Do->getCond();
      Body = Do->getBody();
    } else if (const auto *For = dyn_cast<ForStmt>(P)) {
      Cond = For->getCond();
      Body = For->getBody();
    } else {
      continue;
    }
    // The loop re-checks state in its condition, or an endless loop
    // leaves on a test in its body.
    if (!isConstantTrue(Cond, Ctx)) {
      collectReads(Cond, W.State);
      W.RecheckLoop = P;
    } else if (containsConditionalExit(Body)) {
      W.RecheckLoop = P;
    }
    if (W.RecheckLoop)
      break;
  }
  // The condition variable, the mutex and the guard are not state.
  llvm::erase_if(W.State, [&](const ValueDecl *D) {
    QualType T = D->getType();
    return D == W.Condition.Decl || D == W.Mutex.Decl || Catalog.mutexType(T) ||
           Catalog.isGuardType(T) ||
           llvm::StringRef(genericName(classOfType(T))).starts_with("std::condition_variable");
  });
  Waits.push_back(std::move(W));
}

const Expr *ConditionWaits::waitMutexExpr(const CallExpr *Call) const {
  CondOp Op = classifyCall(Call ? Call->getDirectCallee() : nullptr);
  if (Op == CondOp::None || Op == CondOp::Notify || Call->getNumArgs() == 0)
    return nullptr;
  if (Op == CondOp::PthreadWait)
    return Call->getNumArgs() > 1 ? Call->getArg(1) : nullptr;
  // The runtime's CondVar takes the mutex itself; the standard ones a
  // unique_lock (or any lockable): the mutex its declaration was
  // constructed with.
  const Expr *Lock = ignoreValueWrappers(Call->getArg(0));
  if (Catalog.mutexType(Lock->getType()))
    return Lock;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Lock))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && V->getInit()) {
      const auto *Init = dyn_cast<CXXConstructExpr>(ignoreCopiesAndMoves(V->getInit()));
      if (Init && Init->getNumArgs() > 0)
        return Init->getArg(0);
    }
  return nullptr;
}

std::optional<llvm::SmallVector<LockId, 2>>
ConditionWaits::releasedByWait(const CallExpr *Call) const {
  CondOp Op = classifyCall(Call ? Call->getDirectCallee() : nullptr);
  if (Op == CondOp::None || Op == CondOp::Notify)
    return std::nullopt;
  llvm::SmallVector<LockId, 2> Out;
  const Expr *M = waitMutexExpr(Call);
  if (!M)
    return Out;
  if (LockId Id = Catalog.lockIdOf(M))
    Out.push_back(Id);
  if (const auto *ME = dyn_cast<MemberExpr>(ignoreValueWrappers(M)))
    if (Catalog.mutexType(ME->getBase()->getType()))
      if (LockId Outer = Catalog.lockIdOf(ME->getBase()))
        Out.push_back(Outer);
  return Out;
}

} // namespace concur
