#include "FreshObjects.h"

#include "ExprWrappers.h"
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

bool isLoop(const Stmt *S) {
  return isa<ForStmt>(S) || isa<WhileStmt>(S) || isa<DoStmt>(S) || isa<CXXForRangeStmt>(S);
}

} // namespace

FreshReceivers::FreshReceivers(ASTContext &Ctx) : Ctx(Ctx) {}

void FreshReceivers::enter(const FunctionDecl *Caller) {
  if (Current == Caller)
    return;
  Current = Caller;
  Parents.clear();
  FirstUses.clear();
  // One walk of the body: each statement's parent (the TU-wide parent map
  // costs a large TU hundreds of MiB) and each local's first reference.
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::SmallVector<const Stmt *, 64> Work{Caller->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *R = dyn_cast<DeclRefExpr>(S))
      if (const auto *V = dyn_cast<VarDecl>(R->getDecl())) {
        auto [Slot, Fresh] = FirstUses.try_emplace(V, R);
        if (!Fresh && SM.isBeforeInTranslationUnit(R->getBeginLoc(), Slot->second->getBeginLoc()))
          Slot->second = R;
      }
    for (const Stmt *Child : S->children())
      if (Child) {
        Parents[Child] = S;
        Work.push_back(Child);
      }
  }
}

bool FreshReceivers::callsOnFreshObject(const CXXMemberCallExpr *Call,
                                        const FunctionDecl *Caller) {
  const VarDecl *V = Call && Caller ? freshLocalReceiver(Call, Caller, Ctx) : nullptr;
  if (!V || !Caller->getBody())
    return false;
  enter(Caller);
  // The first use: no reference to V starts before the call.
  if (FirstUses.lookup(V) != Call->getImplicitObjectArgument()->IgnoreParenImpCasts())
    return false;
  // Not in a loop that V outlives: up from the call to the block that
  // declares V (a DeclStmt's children are its initialisers, so a call
  // that initialises a variable, `Status s = db->Open();`, goes up too).
  for (const Stmt *At = Parents.lookup(Call); At; At = Parents.lookup(At)) {
    if (const auto *Compound = dyn_cast<CompoundStmt>(At))
      for (const Stmt *Child : Compound->body())
        if (const auto *DS = dyn_cast<DeclStmt>(Child); DS && llvm::is_contained(DS->decls(), V))
          return true;
    if (isLoop(At))
      return false;
  }
  return false;
}

} // namespace concur
