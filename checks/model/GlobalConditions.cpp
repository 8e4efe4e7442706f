#include "GlobalConditions.h"

#include "CallGraph.h"
#include "Dataflow.h"
#include "ExprWrappers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"

using namespace clang;

namespace concur {

namespace {

/// The integer constant \p E is, if it fits the facts' 64 bits; a null
/// pointer constant is 0.
std::optional<int64_t> constantValue(const Expr *E, const ASTContext &Ctx) {
  if (E->getType()->isPointerType() &&
      E->isNullPointerConstant(const_cast<ASTContext &>(Ctx), Expr::NPC_ValueDependentIsNotNull))
    return 0;
  std::optional<llvm::APSInt> C = constantOf(E, Ctx);
  if (!C || C->getSignificantBits() > 64)
    return std::nullopt;
  return C->getExtValue();
}

} // namespace

std::optional<ValueFacts> conjoin(const ValueFacts &A, const ValueFacts &B) {
  ValueFacts Out = A;
  for (const ValueFact &F : B) {
    for (const ValueFact &G : A) {
      if (F.Var != G.Var)
        continue;
      bool BothEqual = F.Equal && G.Equal;
      if ((BothEqual && F.Value != G.Value) || (F.Equal != G.Equal && F.Value == G.Value))
        return std::nullopt;
    }
    if (!llvm::is_contained(Out, F))
      Out.push_back(F);
  }
  return Out;
}

std::optional<ValueFacts> throughCall(const ValueFacts &Facts, const FunctionDecl *Callee,
                                      llvm::ArrayRef<const Expr *> Args) {
  ValueFacts Out;
  for (const ValueFact &F : Facts) {
    const auto *P = dyn_cast<ParmVarDecl>(F.Var);
    if (!P) {
      Out.push_back(F);
      continue;
    }
    const Expr *Arg = CallGraph::argumentFor(P, Callee, Args);
    std::optional<int64_t> C = Arg ? constantValue(Arg, Callee->getASTContext()) : std::nullopt;
    if (C && (*C == F.Value) != F.Equal)
      return std::nullopt; // `close(c, /*async=*/1)` never takes close()'s `if (!async)`
  }
  return Out;
}

struct GlobalConditions::FunctionFacts {
  ElementFacts<ValueFacts> At;
};

namespace {

/// A global or a parameter of \p Def whose value \p Inv's function cannot
/// change: an integer, an enumeration, a bool or a pointer, not volatile.
const VarDecl *stableValue(const Expr *E, const InvariantConditions &Inv,
                           const FunctionDecl *Def) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !(V->hasGlobalStorage() || (isa<ParmVarDecl>(V) && V->getDeclContext() == Def)) ||
      V->getType().isVolatileQualified() ||
      !(V->getType()->isIntegralOrEnumerationType() || V->getType()->isPointerType()))
    return nullptr;
  // `extern int mode;` in a header and `int mode;` in one file are one
  // variable: facts and writes name it by its first declaration.
  for (const VarDecl *R : V->redecls())
    if (Inv.writes(R))
      return nullptr;
  return V->getCanonicalDecl();
}


/// What the edge \p SuccIndex of \p From's two-way branch says of a global.
std::optional<ValueFact> factAlong(const CFGBlock &From, unsigned SuccIndex,
                                   const InvariantConditions &Inv, const FunctionDecl *Def) {
  // branchTest has already taken off negations, `__builtin_expect` and
  // comparisons with zero: what is left is `v` itself or `v ==/!= c`.
  std::optional<BranchTest> Test = branchTest(From);
  if (!Test)
    return std::nullopt;
  bool Truthy = Test->truthyAlong(SuccIndex);
  if (const VarDecl *V = stableValue(Test->Tested, Inv, Def))
    return ValueFact{V, 0, !Truthy}; // truthy: v != 0
  const auto *BO = dyn_cast<BinaryOperator>(Test->Tested);
  if (!BO || (BO->getOpcode() != BO_EQ && BO->getOpcode() != BO_NE))
    return std::nullopt;
  const Expr *Other = BO->getRHS();
  const VarDecl *V = stableValue(BO->getLHS(), Inv, Def);
  if (!V) {
    V = stableValue(BO->getRHS(), Inv, Def);
    Other = BO->getLHS();
  }
  std::optional<int64_t> C = V ? constantValue(Other, Def->getASTContext()) : std::nullopt;
  if (!C)
    return std::nullopt;
  return ValueFact{V, *C, (BO->getOpcode() == BO_EQ) == Truthy};
}

} // namespace

bool takenWithArguments(const FunctionDecl *Def, const CFGBlock &From, unsigned SuccIndex,
                        llvm::ArrayRef<const Expr *> Args, const InvariantConditions &Inv) {
  std::optional<ValueFact> F = factAlong(From, SuccIndex, Inv, Def);
  return !F || throughCall({*F}, Def, Args).has_value();
}

namespace {

const ValueFacts &noFacts() {
  static const ValueFacts None;
  return None;
}

} // namespace

GlobalConditions::GlobalConditions(ConcurrencyModel &Model) : Model(Model) {}
GlobalConditions::~GlobalConditions() = default;

GlobalConditions::FunctionFacts &GlobalConditions::of(const FunctionDecl *Def) {
  auto [It, Fresh] = Functions.try_emplace(Def);
  if (!Fresh)
    return *It->second;
  It->second = std::make_unique<FunctionFacts>();
  FunctionFacts &Out = *It->second;
  const CFG *G = Model.cfg(Def);
  if (!G || !Def->getBody())
    return Out;
  const InvariantConditions &Inv = invariantsOf(Def);
  // A must-analysis: a fact holds at a block when it holds along every
  // edge into it. A fact that contradicts the path's is not added: that
  // edge is never taken on this path, and the solver keeps what the others
  // say.
  auto Transfer = [](ValueFacts &, const CFGElement &) {};
  auto Edge = [&](ValueFacts &Facts, const CFGBlock &From, unsigned SuccIndex) {
    std::optional<ValueFact> F = factAlong(From, SuccIndex, Inv, Def);
    if (!F)
      return;
    if (std::optional<ValueFacts> Both = conjoin(Facts, {*F}))
      Facts = std::move(*Both);
  };
  auto In = solveForward<ValueFacts>(*G, ValueFacts{}, Transfer, Edge,
                                     &keepSharedFacts<ValueFacts>);
  // The solver stops after a budget of visits: a block it left before the
  // paths met may claim facts that another edge into it does not give.
  // Pruning on such a fact would hide accesses, so a function whose
  // states are not a fixpoint gets none.
  for (const CFGBlock *B : *G) {
    if (!B || !In[B->getBlockID()])
      continue;
    unsigned Index = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      const CFGBlock *S = Succ.getReachableBlock();
      unsigned ThisIndex = Index++;
      if (!S || !In[S->getBlockID()])
        continue;
      ValueFacts Along = *In[B->getBlockID()];
      Edge(Along, *B, ThisIndex);
      for (const ValueFact &F : *In[S->getBlockID()])
        if (!llvm::is_contained(Along, F))
          return Out;
    }
  }
  Out.At = ElementFacts<ValueFacts>(*G, In, /*SubExpressions=*/true);
  return Out;
}

const ValueFacts &GlobalConditions::before(const FunctionDecl *Def, const Stmt *S) {
  const ValueFacts *Facts = of(Def).At.at(S);
  return Facts ? *Facts : noFacts();
}

const ValueFacts &GlobalConditions::around(const FunctionDecl *Def,
                                           llvm::ArrayRef<const Stmt *> Ancestors) {
  const ValueFacts *Facts = of(Def).At.around(Ancestors);
  return Facts ? *Facts : noFacts();
}

const llvm::DenseSet<const VarDecl *> &GlobalConditions::changedBy(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def))
    return Changed[nullptr];
  if (auto It = Changed.find(Def); It != Changed.end())
    return It->second;
  Changed[Def]; // empty while on the stack
  llvm::DenseSet<const VarDecl *> Out;
  for (const Decl *D : invariantsOf(Def).written())
    if (const auto *V = dyn_cast<VarDecl>(D); V && V->hasGlobalStorage())
      Out.insert(V->getCanonicalDecl());
  for (const CallSite &C : Model.callGraph().callsIn(Def))
    if (C.Callee && Model.callGraph().isExplorable(C.Callee)) {
      const llvm::DenseSet<const VarDecl *> &Sub = changedBy(C.Callee);
      Out.insert(Sub.begin(), Sub.end());
    }
  return Changed[Def] = std::move(Out);
}

std::optional<ValueFacts> GlobalConditions::atCall(const FunctionDecl *Caller, const Expr *Call,
                                                   const FunctionDecl *Callee,
                                                   const ValueFacts &CalleeFacts) {
  ValueFacts Kept;
  if (!CalleeFacts.empty()) {
    const llvm::DenseSet<const VarDecl *> &Writes = changedBy(Callee);
    for (const ValueFact &F : CalleeFacts)
      if (!Writes.contains(F.Var))
        Kept.push_back(F);
  }
  llvm::SmallVector<const Expr *, 4> Args = CallGraph::argumentsOf(Call);
  std::optional<ValueFacts> Seen = throughCall(Kept, Callee, Args);
  if (!Seen)
    return std::nullopt;
  // A flag the caller passes on as it got it (`close(c, async)` in a
  // `run(c, async)` that never changes `async`) keeps what the callee's
  // path says of it, now of the caller's parameter: a call further up
  // that passes a constant meets it there.
  for (const ValueFact &F : Kept)
    if (const auto *P = dyn_cast<ParmVarDecl>(F.Var))
      if (const Expr *Arg = CallGraph::argumentFor(P, Callee, Args))
        if (const VarDecl *V = forwardedParameter(Arg, Caller, F))
          Seen->push_back(ValueFact{V, F.Value, F.Equal});
  return conjoin(before(Caller, Call), *Seen);
}

const VarDecl *GlobalConditions::forwardedParameter(const Expr *Arg, const FunctionDecl *Caller,
                                                    const ValueFact &F) {
  // Through a conversion (`(long)p`, `int` to `long`) only truthiness
  // survives for certain.
  const Expr *Bare = Arg->IgnoreParenImpCasts();
  const Expr *Stripped = Arg->IgnoreParenCasts();
  if (Stripped != Bare || !Caller->getASTContext().hasSameUnqualifiedType(
                              Stripped->getType(), F.Var->getType()))
    if (F.Value != 0)
      return nullptr;
  const FunctionDecl *Def = nullptr;
  if (!Caller->hasBody(Def))
    return nullptr;
  const VarDecl *V = stableValue(Stripped, invariantsOf(Def), Def);
  return V && isa<ParmVarDecl>(V) ? V : nullptr;
}

const InvariantConditions &GlobalConditions::invariantsOf(const FunctionDecl *Def) {
  std::unique_ptr<InvariantConditions> &Inv = Invariants[Def];
  if (!Inv)
    Inv = std::make_unique<InvariantConditions>(*Def);
  return *Inv;
}

} // namespace concur
