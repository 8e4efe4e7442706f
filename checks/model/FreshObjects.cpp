#include "FreshObjects.h"

#include "ConcurrencyModel.h"
#include "ExprWrappers.h"
#include "FunctionFacts.h"
#include "QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace concur {

bool isFreshObject(const Expr *E, const ASTContext &Ctx, unsigned Depth) {
  E = ignoreValueWrappers(E)->IgnoreParenCasts(); // `new T(std::string(...))` has cleanups
  if (isa<CXXNewExpr>(E))
    return true;
  auto IsNull = [&](const Expr *X) {
    return X->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                                    Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
  };
  if (const auto *C = dyn_cast<ConditionalOperator>(E)) {
    const Expr *T = C->getTrueExpr(), *F = C->getFalseExpr();
    return (isFreshObject(T, Ctx, Depth) || IsNull(T)) &&
           (isFreshObject(F, Ctx, Depth) || IsNull(F)) && !(IsNull(T) && IsNull(F));
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return false;
  for (llvm::StringRef Alloc : {"malloc", "calloc", "realloc", "aligned_alloc", "strdup"})
    if (isCFunction(Callee, Alloc))
      return true;
  const FunctionDecl *Def = nullptr;
  if (Depth == 0 || !Callee->hasBody(Def))
    return false;
  bool Fresh = false, Other = false;
  llvm::SmallVector<const Stmt *, 16> Work{Def->getBody()};
  while (!Work.empty() && !Other) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *R = dyn_cast<ReturnStmt>(S)) {
      const Expr *V = R->getRetValue();
      if (V && isFreshObject(V, Ctx, Depth - 1))
        Fresh = true;
      else if (!V || !IsNull(V))
        Other = true;
      continue;
    }
    llvm::append_range(Work, S->children());
  }
  return Fresh && !Other;
}


namespace {

/// The local variable a member call is made on (`db->Open()`, `db.Open()`),
/// if it names one of \p Caller's own and holds a fresh object.
const VarDecl *freshLocalReceiver(const CXXMemberCallExpr *Call, const FunctionDecl *Caller,
                                  const ASTContext &Ctx) {
  const Expr *Object = Call->getImplicitObjectArgument();
  const auto *Ref = Object ? dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts()) : nullptr;
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!V || isa<ParmVarDecl>(V) || !V->hasLocalStorage() || V->isStaticLocal() ||
      V->getParentFunctionOrMethod() != Caller)
    return nullptr;
  QualType T = V->getType();
  if (T->isPointerType())
    return V->getInit() && isFreshObject(V->getInit(), Ctx) ? V : nullptr;
  return T->isRecordType() ? V : nullptr; // a local object, not a reference
}

} // namespace

bool callsOnFreshObject(const CXXMemberCallExpr *Call, const FunctionDecl *Caller,
                        ConcurrencyModel &Model) {
  const VarDecl *V = Call && Caller ? freshLocalReceiver(Call, Caller, Model.astContext()) : nullptr;
  if (!V)
    return false;
  const BodyFacts &Facts = Model.analysis<FunctionFacts>().of(Caller);
  // The first use: no reference to V comes before the call's.
  auto Uses = Facts.Uses.find(V);
  if (Uses == Facts.Uses.end() || Uses->second.empty() ||
      Uses->second.front().Ref != Call->getImplicitObjectArgument()->IgnoreParenImpCasts())
    return false;
  // Not in a loop V outlives: V is declared in the body of the innermost
  // loop around the call, or there is none.
  const Stmt *Loop = Facts.InnermostLoop.lookup(Call);
  if (!Loop)
    return true;
  const Stmt *Body = loopBody(Loop);
  return Body && Model.astContext().getSourceManager().isPointWithin(
                     V->getLocation(), Body->getBeginLoc(), Body->getEndLoc());
}

} // namespace concur
