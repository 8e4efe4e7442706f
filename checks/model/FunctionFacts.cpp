#include "FunctionFacts.h"

#include "ExprWrappers.h"

#include "QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace concur {


const Stmt *loopBody(const Stmt *Loop) {
  if (const auto *F = dyn_cast_or_null<ForStmt>(Loop))
    return F->getBody();
  if (const auto *W = dyn_cast_or_null<WhileStmt>(Loop))
    return W->getBody();
  if (const auto *D = dyn_cast_or_null<DoStmt>(Loop))
    return D->getBody();
  if (const auto *R = dyn_cast_or_null<CXXForRangeStmt>(Loop))
    return R->getBody();
  return nullptr;
}

namespace {

class FactsCollector : public ConstDynamicRecursiveASTVisitor {
public:
  explicit FactsCollector(BodyFacts &Out) : Out(Out) {
    ShouldVisitLambdaBody = true;
    ShouldVisitTemplateInstantiations = false;
  }

  bool TraverseTypeLoc(TypeLoc, bool) override { return true; }
  bool TraverseType(QualType, bool) override { return true; }
  bool TraverseCXXRecordDecl(const CXXRecordDecl *) override { return true; }

  // Loops: what runs once (for-init, the range) is outside the loop.
  bool TraverseForStmt(const ForStmt *S) override {
    if (S->getInit() && !TraverseStmt(const_cast<Stmt *>(S->getInit())))
      return false;
    discardStmt(S->getInc());
    discardStmt(S->getBody());
    return inLoop(S, {S->getConditionVariableDeclStmt(), S->getCond(), S->getInc(),
                      S->getBody()});
  }
  bool TraverseCXXForRangeStmt(const CXXForRangeStmt *S) override {
    if (S->getInit() && !TraverseStmt(const_cast<Stmt *>(S->getInit())))
      return false;
    if (!TraverseStmt(const_cast<Expr *>(S->getRangeInit())))
      return false;
    discardStmt(S->getBody());
    return inLoop(S, {S->getLoopVarStmt(), S->getBody()});
  }
  bool TraverseWhileStmt(const WhileStmt *S) override {
    discardStmt(S->getBody());
    return inLoop(S, {S->getConditionVariableDeclStmt(), S->getCond(), S->getBody()});
  }
  bool TraverseDoStmt(const DoStmt *S) override {
    discardStmt(S->getBody());
    return inLoop(S, {S->getBody(), S->getCond()});
  }
  bool TraverseLambdaExpr(const LambdaExpr *LE) override {
    for (const Expr *Init : LE->capture_inits())
      if (Init && !TraverseStmt(const_cast<Expr *>(Init)))
        return false;
    // The body runs where the closure is called: no enclosing loop, and its
    // statics belong to the lambda's own facts.
    llvm::SmallVector<const Stmt *, 4> SavedLoops;
    std::swap(SavedLoops, Loops);
    ++LambdaDepth;
    bool Ok = TraverseStmt(LE->getBody());
    --LambdaDepth;
    std::swap(SavedLoops, Loops);
    return Ok;
  }

  bool VisitCallExpr(const CallExpr *CE) override {
    recordLoop(CE);
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
        OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
      if (const VarDecl *V = localVar(OC->getArg(0))) {
        Classified[refOf(OC->getArg(0))] = {VarUse::Assigned, refOf(OC->getArg(0)), OC,
                                            nullptr};
        Out.StoredInto[ignoreCopiesAndMoves(OC->getArg(1))] = V;
      }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      if (const Expr *Obj = MC->getImplicitObjectArgument())
        if (localVar(Obj))
          Classified[refOf(Obj)] = {VarUse::MemberCall, refOf(Obj), MC, MC->getMethodDecl()};
    return true;
  }
  bool VisitCXXConstructExpr(const CXXConstructExpr *CE) override {
    recordLoop(CE);
    return true;
  }
  bool VisitBinaryOperator(const BinaryOperator *BO) override {
    if (BO->getOpcode() == BO_Comma)
      discard(BO->getLHS(), false);
    else if (BO->getOpcode() == BO_Assign)
      if (const VarDecl *V = localVar(BO->getLHS())) {
        Classified[refOf(BO->getLHS())] = {VarUse::Assigned, refOf(BO->getLHS()), BO, nullptr};
        Out.StoredInto[ignoreCopiesAndMoves(BO->getRHS())] = V;
      }
    return true;
  }
  bool VisitExplicitCastExpr(const ExplicitCastExpr *C) override {
    if (C->getType()->isVoidType())
      discard(C->getSubExpr(), true);
    return true;
  }
  bool VisitVarDecl(const VarDecl *V) override {
    if (V->getInit() && !isa<ParmVarDecl>(V))
      Out.StoredInto[ignoreCopiesAndMoves(V->getInit())] = V;
    if (V->isStaticLocal() && V->getInit() && !V->hasConstantInitialization() &&
        LambdaDepth == 0)
      markStaticInit(V);
    return true;
  }
  bool VisitGotoStmt(const GotoStmt *) override { return jumps(); }
  bool VisitIndirectGotoStmt(const IndirectGotoStmt *) override { return jumps(); }
  bool VisitCXXThrowExpr(const CXXThrowExpr *) override {
    if (LambdaDepth == 0)
      Out.Throws = true;
    return true;
  }
  bool VisitDeclRefExpr(const DeclRefExpr *DRE) override {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V)
      return true;
    if (V->hasGlobalStorage() && V->getTLSKind() == VarDecl::TLS_None) {
      if (LambdaDepth == 0)
        Out.Statics.push_back({V, DRE});
      return true;
    }
    if (V->hasLocalStorage() && !V->getType()->isReferenceType() &&
        (V->getType()->getAsCXXRecordDecl() || V->getType()->getPointeeCXXRecordDecl()))
      Refs.push_back(DRE);
    return true;
  }

  // Statement positions: compound statements and the single-statement
  // bodies of control flow.
  bool VisitCompoundStmt(const CompoundStmt *CS) override {
    for (const Stmt *S : CS->body())
      discardStmt(S);
    return true;
  }
  bool VisitIfStmt(const IfStmt *S) override {
    discardStmt(S->getThen());
    discardStmt(S->getElse());
    return true;
  }
  bool VisitSwitchCase(const SwitchCase *S) override {
    discardStmt(S->getSubStmt());
    return true;
  }
  bool VisitLabelStmt(const LabelStmt *S) override {
    discardStmt(S->getSubStmt());
    return true;
  }

  void finish() {
    for (const DeclRefExpr *DRE : Refs) {
      VarUse U;
      auto It = Classified.find(DRE);
      if (It != Classified.end())
        U = It->second;
      U.Ref = DRE;
      Out.Uses[cast<VarDecl>(DRE->getDecl())].push_back(U);
    }
  }

private:
  // A goto may jump back: it may loop.
  bool jumps() {
    if (LambdaDepth == 0)
      Out.Loops = true;
    return true;
  }
  bool inLoop(const Stmt *Loop, std::initializer_list<const Stmt *> Parts) {
    if (LambdaDepth == 0)
      Out.Loops = true;
    recordLoop(Loop); // the loop around this one
    Loops.push_back(Loop);
    for (const Stmt *P : Parts)
      if (P && !TraverseStmt(const_cast<Stmt *>(P))) {
        Loops.pop_back();
        return false;
      }
    Loops.pop_back();
    return true;
  }
  void recordLoop(const Stmt *S) {
    if (!Loops.empty())
      Out.InnermostLoop[S] = Loops.back();
  }
  void discardStmt(const Stmt *S) {
    if (const auto *E = dyn_cast_or_null<Expr>(S))
      discard(E, false);
  }
  void discard(const Expr *E, bool Explicit) {
    const Expr *Inner = ignoreCopiesAndMoves(E);
    if (const auto *C = dyn_cast<ExplicitCastExpr>(Inner); C && C->getType()->isVoidType())
      return; // recorded by VisitExplicitCastExpr
    Out.Discarded[Inner] = Explicit;
  }
  static const DeclRefExpr *refOf(const Expr *E) {
    return dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  }
  static const VarDecl *localVar(const Expr *E) {
    const DeclRefExpr *DRE = refOf(E);
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return V && V->hasLocalStorage() ? V : nullptr;
  }

  void markStaticInit(const VarDecl *V) {
    llvm::SmallVector<const Stmt *, 16> Work{V->getInit()};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S || isa<LambdaExpr>(S) || !Out.InStaticInit.try_emplace(S, V).second)
        continue;
      llvm::append_range(Work, S->children());
    }
  }

  BodyFacts &Out;
  llvm::SmallVector<const Stmt *, 4> Loops;
  unsigned LambdaDepth = 0;
  std::vector<const DeclRefExpr *> Refs;
  llvm::DenseMap<const DeclRefExpr *, VarUse> Classified;
};

} // namespace

const BodyFacts &FunctionFacts::of(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  if (F)
    F->hasBody(Def);
  auto &Slot = Cache[Def];
  if (Slot)
    return *Slot;
  AnalysisStats::Timer Time(AnalysisStats::Section::Analysis, "FunctionFacts");
  Slot = std::make_unique<BodyFacts>();
  if (Def && Def->getBody()) {
    FactsCollector Collector(*Slot);
    Collector.TraverseStmt(Def->getBody());
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten())
          Collector.TraverseStmt(Init->getInit());
    Collector.finish();
  }
  (void)Model;
  return *Slot;
}

} // namespace concur
