#include "ExprWrappers.h"

#include "QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {

const Expr *ignoreValueWrappers(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MT->getSubExpr();
    else if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BT->getSubExpr();
    else
      break;
  }
  return E;
}

static bool isMoveOrForward(const CallExpr *CE) {
  if (CE->getNumArgs() != 1 || !CE->getDirectCallee())
    return false;
  std::string Name = genericName(CE->getDirectCallee());
  return Name == "std::move" || Name == "std::forward";
}

const Expr *ignoreMoveOrForward(const Expr *E) {
  E = ignoreValueWrappers(E);
  while (const auto *CE = dyn_cast_or_null<CallExpr>(E)) {
    if (!isMoveOrForward(CE))
      break;
    E = ignoreValueWrappers(CE->getArg(0));
  }
  return E;
}

const Expr *referenceWrapped(const Expr *E) {
  const auto *CE = dyn_cast_or_null<CallExpr>(ignoreCopiesAndMoves(E));
  if (!CE || CE->getNumArgs() != 1 || !CE->getDirectCallee())
    return nullptr;
  std::string Name = genericName(CE->getDirectCallee());
  return Name == "std::ref" || Name == "std::cref" ? ignoreValueWrappers(CE->getArg(0)) : nullptr;
}

const Expr *ignoreCopiesAndMoves(const Expr *E) {
  while (E) {
    const Expr *Next = ignoreValueWrappers(E);
    if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = F->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(Next);
             C && C->getNumArgs() == 1 && C->getConstructor()->isCopyOrMoveConstructor())
      Next = C->getArg(0);
    else if (const auto *CE = dyn_cast<CallExpr>(Next); CE && isMoveOrForward(CE))
      Next = CE->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

const Expr *argumentFor(const Expr *Call, const ParmVarDecl *P) {
  unsigned Index = P->getFunctionScopeIndex();
  if (const auto *CE = dyn_cast_or_null<CallExpr>(Call)) {
    unsigned Shift =
        isa<CXXOperatorCallExpr>(CE) && isa_and_nonnull<CXXMethodDecl>(CE->getDirectCallee())
            ? 1
            : 0;
    return Index + Shift < CE->getNumArgs() ? CE->getArg(Index + Shift) : nullptr;
  }
  if (const auto *CC = dyn_cast_or_null<CXXConstructExpr>(Call))
    return Index < CC->getNumArgs() ? CC->getArg(Index) : nullptr;
  return nullptr;
}

std::optional<llvm::APSInt> constantOf(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (E->isValueDependent())
    return std::nullopt;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  return R.Val.getInt();
}

const ValueDecl *ownFieldOrGlobal(const Expr *E, bool AnyObject) {
  E = E ? ignoreValueWrappers(E)->IgnoreParenImpCasts() : nullptr;
  auto Shared = [](const VarDecl *V) { return V && V->hasGlobalStorage() && !V->getTLSKind(); };
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
    return Shared(V) ? V : nullptr;
  }
  const auto *ME = dyn_cast_or_null<MemberExpr>(E);
  if (!ME)
    return nullptr;
  if (const auto *V = dyn_cast<VarDecl>(ME->getMemberDecl())) // a static member
    return Shared(V) ? V : nullptr;
  const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
  bool OfThis = isa<CXXThisExpr>(ignoreValueWrappers(ME->getBase())->IgnoreParenImpCasts());
  return F && (AnyObject || OfThis) ? F : nullptr;
}

} // namespace concur
