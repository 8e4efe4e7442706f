#include "TranslationUnitIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace concur {

bool isCoroutineDefinition(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  return F && F->hasBody(Def) && isa_and_nonnull<CoroutineBodyStmt>(Def->getBody());
}

bool inMainFile(const Decl *D) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  return SM.isInMainFile(SM.getExpansionLoc(D->getLocation()));
}

bool definedOutOfLineHere(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  return F && F->hasBody(Def) && !Def->isInlined() && inMainFile(Def);
}

namespace {

class IndexWalker : public ConstDynamicRecursiveASTVisitor {
public:
  IndexWalker(const SourceManager &SM, std::vector<const FunctionDecl *> &Out,
              llvm::DenseSet<const FunctionDecl *> &Escaping)
      : SM(SM), Out(Out), Escaping(Escaping) {
    ShouldVisitTemplateInstantiations = true;
    ShouldVisitLambdaBody = true;
  }

  bool TraverseDecl(const Decl *D) override {
    if (!D)
      return true;
    // System headers are catalog territory; skip them wholesale, but keep
    // walking namespaces since `namespace std` may be reopened by users.
    if (!isa<TranslationUnitDecl, NamespaceDecl, LinkageSpecDecl>(D) &&
        D->getLocation().isValid() && SM.isInSystemHeader(D->getLocation()))
      return true;
    return ConstDynamicRecursiveASTVisitor::TraverseDecl(D);
  }

  // Expressions inside types are unevaluated; skipping types saves time.
  bool TraverseTypeLoc(TypeLoc, bool) override { return true; }

  bool VisitFunctionDecl(const FunctionDecl *F) override {
    if (F->doesThisDeclarationHaveABody() && !F->isDependentContext())
      Out.push_back(F);
    return true;
  }

  bool VisitLambdaExpr(const LambdaExpr *LE) override {
    const CXXMethodDecl *Op = LE->getCallOperator();
    if (const FunctionTemplateDecl *T = Op->getDescribedFunctionTemplate()) {
      for (const FunctionDecl *Spec : T->specializations())
        if (Spec->doesThisDeclarationHaveABody())
          Out.push_back(Spec);
    } else if (!Op->isDependentContext()) {
      Out.push_back(Op);
    }
    return true;
  }

  // A function named other than as the callee of a call (its address
  // taken, bound to a std::function, passed as a callback) has callers the
  // call graph does not see.
  bool VisitCallExpr(const CallExpr *CE) override {
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts()))
      DirectCallees.insert(DRE);
    return true;
  }
  bool VisitDeclRefExpr(const DeclRefExpr *DRE) override {
    if (const auto *F = dyn_cast<FunctionDecl>(DRE->getDecl()); F && !DirectCallees.contains(DRE))
      Escaping.insert(F->getCanonicalDecl());
    return true;
  }

private:
  const SourceManager &SM;
  std::vector<const FunctionDecl *> &Out;
  llvm::DenseSet<const FunctionDecl *> &Escaping;
  llvm::DenseSet<const DeclRefExpr *> DirectCallees;
};

} // namespace

TranslationUnitIndex::TranslationUnitIndex(ASTContext &Ctx) {
  std::vector<const FunctionDecl *> All;
  IndexWalker Walker(Ctx.getSourceManager(), All, Escaping);
  Walker.TraverseAST(Ctx);
  llvm::DenseSet<const FunctionDecl *> Seen;
  for (const FunctionDecl *F : All) {
    if (!Seen.insert(F).second)
      continue;
    Functions.push_back(F);
    if (isa_and_nonnull<CoroutineBodyStmt>(F->getBody())) {
      Coroutines.push_back(F);
      CoroutineSet.insert(F);
    }
  }
}

bool TranslationUnitIndex::hasUnseenCallers(const FunctionDecl *F) const {
  return F && Escaping.contains(F->getCanonicalDecl());
}

bool TranslationUnitIndex::isCoroutine(const FunctionDecl *F) const {
  if (!F)
    return false;
  if (CoroutineSet.contains(F))
    return true;
  return isCoroutineDefinition(F);
}

} // namespace concur
