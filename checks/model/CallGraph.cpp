#include "CallGraph.h"
#include "AnalysisStats.h"

#include "ExprWrappers.h"
#include "QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <deque>

using namespace clang;

namespace concur {
namespace {

/// Collects the call sites that execute as part of one function body.
class CallSiteCollector : public ConstDynamicRecursiveASTVisitor {
public:
  explicit CallSiteCollector(std::vector<CallSite> &Out) : Out(Out) {
    // A lambda body runs when the closure is called, not where it is
    // written; calls of the closure are recorded as calls of operator().
    ShouldVisitLambdaBody = false;
    ShouldVisitTemplateInstantiations = false;
  }

  // A lambda body runs where the closure is called. Only the capture
  // initialisers run here.
  bool TraverseLambdaExpr(const LambdaExpr *LE) override {
    for (const Expr *Init : LE->capture_inits())
      if (Init && !TraverseStmt(Init))
        return false;
    return true;
  }
  // Types hold only unevaluated or constant expressions.
  bool TraverseTypeLoc(TypeLoc, bool) override { return true; }
  bool TraverseType(QualType, bool) override { return true; }
  // Unevaluated operands never run.
  bool TraverseUnaryExprOrTypeTraitExpr(const UnaryExprOrTypeTraitExpr *) override {
    return true;
  }
  bool TraverseCXXNoexceptExpr(const CXXNoexceptExpr *) override { return true; }
  bool TraverseRequiresExpr(const RequiresExpr *) override { return true; }
  bool TraverseCXXTypeidExpr(const CXXTypeidExpr *E) override {
    return E->isPotentiallyEvaluated()
               ? ConstDynamicRecursiveASTVisitor::TraverseCXXTypeidExpr(E)
               : true;
  }
  // Local classes' member functions run when called, like lambdas.
  bool TraverseCXXRecordDecl(const CXXRecordDecl *) override { return true; }
  bool TraverseRecordDecl(const RecordDecl *) override { return true; }

  bool VisitCallExpr(const CallExpr *CE) override {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return true;
    CallSite Site;
    Site.Call = CE;
    Site.Callee = Callee;
    Site.Loc = CE->getExprLoc();
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
      // The object as the user wrote it: `f.wait()` on a std::future reaches
      // `wait` through a derived-to-base cast to the library's private base.
      if (const Expr *Obj = MC->getImplicitObjectArgument())
        Site.ObjectClass = classOfType(Obj->IgnoreParenBaseCasts()->getType());
      Site.Loc = MC->getExprLoc();
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE)) {
      if (isa<CXXMethodDecl>(Callee) && OC->getNumArgs() > 0)
        Site.ObjectClass =
            classOfType(OC->getArg(0)->IgnoreParenBaseCasts()->getType());
    }
    Out.push_back(Site);
    return true;
  }

  bool VisitCXXConstructExpr(const CXXConstructExpr *CE) override {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (!Ctor || Ctor->isTrivial())
      return true;
    CallSite Site;
    Site.Call = CE;
    Site.Callee = Ctor;
    Site.ObjectClass = Ctor->getParent();
    Site.Loc = CE->getBeginLoc();
    Out.push_back(Site);
    return true;
  }

private:
  std::vector<CallSite> &Out;
};

} // namespace

const std::vector<CallSite> &CallGraph::callsIn(const FunctionDecl *F) {
  auto &Slot = Cache[F];
  if (Slot)
    return *Slot;
  AnalysisStats::Timer Time(AnalysisStats::Section::Analysis, "CallGraph");
  Slot = std::make_unique<std::vector<CallSite>>();
  if (const Stmt *Body = F->getBody()) {
    CallSiteCollector Collector(*Slot);
    Collector.TraverseStmt(Body);
    // Member initialisers of constructors run as part of the constructor.
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten())
          Collector.TraverseStmt(Init->getInit());
  }
  return *Slot;
}

bool CallGraph::isExplorable(const FunctionDecl *F) const {
  if (!F || !F->hasBody())
    return false;
  const FunctionDecl *Def = nullptr;
  F->hasBody(Def);
  return Def && !Ctx.getSourceManager().isInSystemHeader(Def->getLocation());
}

llvm::SmallVector<const Expr *, 4> CallGraph::argumentsOf(const Expr *Call) {
  llvm::SmallVector<const Expr *, 4> Out;
  if (const auto *CE = dyn_cast<CallExpr>(Call)) {
    unsigned Skip = isa<CXXOperatorCallExpr>(CE) &&
                    isa_and_nonnull<CXXMethodDecl>(CE->getDirectCallee());
    for (unsigned I = Skip; I < CE->getNumArgs(); ++I)
      Out.push_back(CE->getArg(I));
  } else if (const auto *CC = dyn_cast<CXXConstructExpr>(Call)) {
    llvm::append_range(Out, CC->arguments());
  }
  return Out;
}

const ValueDecl *CallGraph::argumentObject(const Expr *Arg) {
  Arg = Arg ? ignoreValueWrappers(Arg)->IgnoreParenCasts() : nullptr;
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(Arg); U && U->getOpcode() == UO_AddrOf)
    Arg = U->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(Arg); DRE && isa<VarDecl>(DRE->getDecl()))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(Arg);
      ME && isa<FieldDecl>(ME->getMemberDecl()) &&
      isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return ME->getMemberDecl();
  return nullptr;
}

const Expr *CallGraph::argumentFor(const ValueDecl *Param, const FunctionDecl *Callee,
                                   llvm::ArrayRef<const Expr *> Args) {
  const auto *P = dyn_cast_or_null<ParmVarDecl>(Param);
  const auto *Owner = P ? dyn_cast<FunctionDecl>(P->getDeclContext()) : nullptr;
  if (!Owner || !Callee || Owner->getCanonicalDecl() != Callee->getCanonicalDecl() ||
      P->getFunctionScopeIndex() >= Args.size())
    return nullptr;
  return Args[P->getFunctionScopeIndex()];
}

const FunctionDecl *CallGraph::calleeOf(const Stmt *S) {
  if (const auto *CE = dyn_cast_or_null<CallExpr>(S))
    return CE->getDirectCallee();
  if (const auto *CC = dyn_cast_or_null<CXXConstructExpr>(S))
    return CC->getConstructor();
  return nullptr;
}

bool CallGraph::isOpaque(const FunctionDecl *F) const {
  return F && !F->hasBody() && !F->isDefaulted() &&
         !Ctx.getSourceManager().isInSystemHeader(F->getLocation());
}

std::vector<CallPath>
CallGraph::findPaths(const FunctionDecl *Root,
                     const std::function<bool(const CallSite &)> &Hit,
                     const SearchLimits &Limits) {
  struct Item {
    const FunctionDecl *Fn;
    CallPath Path; // call sites leading to Fn
  };
  AnalysisStats::Timer Time(AnalysisStats::Section::Analysis, "CallGraph::findPaths");
  std::vector<CallPath> Result;
  bool DepthCut = false;
  llvm::DenseMap<const FunctionDecl *, bool> Seen;
  llvm::DenseMap<const Expr *, bool> Reported;
  std::deque<Item> Work;
  Work.push_back({Root, {}});
  Seen[Root->getCanonicalDecl()] = true;

  while (!Work.empty()) {
    Item Cur = std::move(Work.front());
    Work.pop_front();
    const FunctionDecl *Def = nullptr;
    if (!Cur.Fn->hasBody(Def))
      continue;
    for (const CallSite &Site : callsIn(Def)) {
      if (Hit(Site)) {
        if (!Reported.lookup(Site.Call)) {
          Reported[Site.Call] = true;
          CallPath P = Cur.Path;
          P.push_back(&Site);
          Result.push_back(std::move(P));
        }
        continue; // a hit is a leaf: its own body is not explored
      }
      const FunctionDecl *Callee = Site.Callee;
      if (!isExplorable(Callee) || (Limits.StopAt && Limits.StopAt(Callee)))
        continue;
      if (Seen[Callee->getCanonicalDecl()])
        continue;
      if (Cur.Path.size() + 1 >= Limits.MaxDepth) {
        DepthCut = true;
        continue;
      }
      Seen[Callee->getCanonicalDecl()] = true;
      CallPath P = Cur.Path;
      P.push_back(&Site);
      Work.push_back({Callee, std::move(P)});
    }
  }
  if (DepthCut)
    AnalysisStats::noteCutShort(*Root, "CallGraph::findPaths",
                                "paths followed at most " + std::to_string(Limits.MaxDepth) +
                                    " calls deep");
  return Result;
}

} // namespace concur
