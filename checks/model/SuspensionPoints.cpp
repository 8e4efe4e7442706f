#include "SuspensionPoints.h"

#include "TranslationUnitIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace concur {
namespace {

// The await_suspend() call inside a suspend expression (Clang wraps it for
// bool- and handle-returning awaiters), if the CFG lists it as an element.
const Stmt *awaitSuspendCall(const Expr *Suspend, const llvm::DenseSet<const Stmt *> &Elements) {
  if (!Suspend)
    return nullptr;
  llvm::SmallVector<const Stmt *, 8> Work{Suspend};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->getDeclName().isIdentifier() &&
          Callee->getName() == "await_suspend" && Elements.contains(Call))
        return Call;
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
  return nullptr;
}

} // namespace

llvm::ArrayRef<SuspensionPoint> SuspensionPoints::of(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def))
    return {};
  if (auto It = Points.find(Def); It != Points.end())
    return *It->second;
  auto &Slot = Points[Def];
  Slot = std::make_unique<llvm::SmallVector<SuspensionPoint, 4>>();
  auto &Out = *Slot;
  const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Def->getBody());
  const CFG *G = Coroutine ? Model.cfg(Def) : nullptr;
  if (!G)
    return Out;

  // The CFG lists a co_await as an element only where it is a statement or
  // a condition of its own; the await_suspend() call inside it always is
  // one (a call). So: find the user's co_await/co_yield in the body (the
  // compiler's initial/final suspends sit outside it), then locate each in
  // the CFG through its await_suspend() call.
  llvm::SmallVector<const CoroutineSuspendExpr *, 4> Found;
  llvm::SmallVector<const Stmt *, 32> Work{Coroutine->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      // A lambda's body runs when the lambda is called, as its own function
      // (a coroutine lambda is a coroutine of its own); its captures are
      // evaluated here.
      for (const Expr *Init : Lambda->capture_inits())
        if (Init)
          Work.push_back(Init);
      continue;
    }
    if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(S)) {
      const auto *Await = dyn_cast<CoawaitExpr>(Suspend);
      if (!Suspend->isTypeDependent() && !(Await && Await->isImplicit()))
        Found.push_back(Suspend);
      // Only the operand is user code; the rest is the compiler's expansion.
      if (const Expr *Operand = Suspend->getOperand())
        Work.push_back(Operand);
      continue;
    }
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
  if (Found.empty())
    return Out;

  llvm::DenseSet<const Stmt *> Elements;
  for (const CFGBlock *B : *G)
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>())
        Elements.insert(CS->getStmt());

  const SourceManager &SM = Model.astContext().getSourceManager();
  llvm::sort(Found, [&](const CoroutineSuspendExpr *A, const CoroutineSuspendExpr *B) {
    return SM.isBeforeInTranslationUnit(A->getKeywordLoc(), B->getKeywordLoc());
  });
  for (const CoroutineSuspendExpr *Suspend : Found) {
    SuspensionPoint P;
    P.Expr = Suspend;
    P.IsYield = isa<CoyieldExpr>(Suspend);
    P.SuspendsAt = awaitSuspendCall(Suspend->getSuspendExpr(), Elements);
    if (!P.SuspendsAt && Elements.contains(Suspend))
      P.SuspendsAt = Suspend;
    if (P.SuspendsAt) // otherwise the CFG dropped it as unreachable
      Out.push_back(P);
  }
  return Out;
}

} // namespace concur
