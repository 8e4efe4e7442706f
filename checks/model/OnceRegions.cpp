#include "OnceRegions.h"

#include "CallGraph.h"
#include "FreshObjects.h"
#include "Dataflow.h"
#include "ExprWrappers.h"
#include "Locksets.h"
#include "SharedAccesses.h"
#include "TranslationUnitIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/CFG.h"

using namespace clang;

namespace concur {

struct OnceRegions::FunctionRegions {
  /// A region of a statement: its flag, and which of Tests it is.
  struct Ref {
    const ValueDecl *Flag = nullptr;
    unsigned Region = 0;
  };
  /// Statements in a once-region, mapped to the region.
  llvm::DenseMap<const Stmt *, Ref> FlagOf;
  /// Statements past a once-region's test but outside the region: the
  /// flag was seen "done" under the lock, or this thread just set it.
  llvm::DenseMap<const Stmt *, Ref> PastTest;
  /// The locks held at each region's test.
  std::vector<Lockset> Tests;
};

namespace {

/// How far setting a flag is looked for in callees of a region.
constexpr unsigned SettingCallDepth = 3;

bool isThis(const Expr *E) { return E && isa<CXXThisExpr>(ignoreValueWrappers(E)); }

/// The flag \p E names: a field of `this` (of any object when \p AnyObject)
/// or a variable with static storage; `flag.load()` and a conversion of an
/// atomic name the atomic.
const ValueDecl *flagNamed(const Expr *E, bool AnyObject = false) {
  E = E ? ignoreValueWrappers(E)->IgnoreParenImpCasts() : nullptr;
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    bool Load = M && (isa<CXXConversionDecl>(M) || (M->getIdentifier() && M->getName() == "load"));
    E = Load ? MC->getImplicitObjectArgument() : nullptr;
  }
  return ownFieldOrGlobal(E, AnyObject);
}

enum Truth { Falsy = 0, Truthy = 1, Unknown = 2 };

/// What a value stored into a flag tests as: a constant, a null pointer,
/// or a new object.
Truth truthOf(const Expr *V, const ASTContext &Ctx) {
  V = V ? ignoreValueWrappers(V)->IgnoreParenImpCasts() : nullptr;
  if (!V || V->isValueDependent())
    return Unknown;
  // A new object (`new T`, `calloc(...)`, a factory that returns one) is
  // "done"; that an allocation can fail is the out-of-memory path's.
  const Expr *Made = V->IgnoreParenCasts();
  if (isa<CXXNewExpr>(Made) || (isa<CallExpr>(Made) && isFreshObject(Made, Ctx)))
    return Truthy;
  bool Result = false;
  if (V->EvaluateAsBooleanCondition(Result, Ctx))
    return Result ? Truthy : Falsy;
  return Unknown;
}

/// A store into a flag: `flag = v`, an atomic's `flag = v` or
/// `flag.store(v)`; `++flag` and the like store an unknown value.
struct Setting {
  const ValueDecl *Flag = nullptr;
  const Expr *Value = nullptr; ///< null: unknown
};

std::optional<Setting> settingOf(const Stmt *S, bool AnyObject) {
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (!BO->isAssignmentOp())
      return std::nullopt;
    const ValueDecl *Flag = flagNamed(BO->getLHS(), AnyObject);
    if (!Flag)
      return std::nullopt;
    return Setting{Flag, BO->getOpcode() == BO_Assign ? BO->getRHS() : nullptr};
  }
  if (const auto *U = dyn_cast<UnaryOperator>(S); U && U->isIncrementDecrementOp())
    if (const ValueDecl *Flag = flagNamed(U->getSubExpr(), AnyObject))
      return Setting{Flag, nullptr};
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
      OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
    if (const ValueDecl *Flag = flagNamed(OC->getArg(0), AnyObject))
      return Setting{Flag, OC->getArg(1)};
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (M && M->getIdentifier() && M->getName() == "store" && MC->getNumArgs() >= 1)
      if (const ValueDecl *Flag = flagNamed(MC->getImplicitObjectArgument(), AnyObject))
        return Setting{Flag, MC->getArg(0)};
  }
  return std::nullopt;
}

/// Calls \p Visit on \p S and every statement under it, lambda bodies
/// left out (a closure runs wherever it is called).
template <typename VisitT> void forEachIn(const Stmt *S, VisitT &&Visit) {
  llvm::SmallVector<const Stmt *, 16> Work{S};
  while (!Work.empty()) {
    const Stmt *Sub = Work.pop_back_val();
    if (!Sub || isa<LambdaExpr>(Sub))
      continue;
    Visit(Sub);
    llvm::append_range(Work, Sub->children());
  }
}

bool shareLock(const Lockset &A, const Lockset &B) {
  return llvm::any_of(A, [&](const HeldLock &H) { return findLock(B, H.Id) != nullptr; });
}

/// The statement of the last element of \p B: its condition, for a branch.
const Stmt *lastStatement(const CFGBlock &B) {
  for (auto It = B.rbegin(); It != B.rend(); ++It)
    if (std::optional<CFGStmt> CS = It->getAs<CFGStmt>())
      return CS->getStmt();
  return nullptr;
}

} // namespace

OnceRegions::OnceRegions(ConcurrencyModel &Model) : Model(Model) {}
OnceRegions::~OnceRegions() = default;

/// Whether \p S (a call) enters a function that sets \p Flag to a value of
/// truthiness \p Done, on some path: the callee is called on `this` when
/// the flag is a field.
static bool callSets(ConcurrencyModel &Model, const Stmt *S, const ValueDecl *Flag, bool Done,
                     unsigned Depth) {
  const FunctionDecl *Callee = CallGraph::calleeOf(S);
  const FunctionDecl *Def = nullptr;
  if (!Callee || Depth == 0 || !Model.callGraph().isExplorable(Callee) || !Callee->hasBody(Def))
    return false;
  if (isa<FieldDecl>(Flag)) {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
    if (!MC || !isThis(MC->getImplicitObjectArgument()))
      return false;
  }
  bool Sets = false;
  forEachIn(Def->getBody(), [&](const Stmt *Sub) {
    if (Sets)
      return;
    if (std::optional<Setting> St = settingOf(Sub, false);
        St && St->Flag == Flag && truthOf(St->Value, Model.astContext()) == (Done ? Truthy : Falsy))
      Sets = true;
    else if (isa<CallExpr>(Sub))
      Sets = callSets(Model, Sub, Flag, Done, Depth - 1);
  });
  return Sets;
}

bool OnceRegions::resetElsewhere(const ValueDecl *Flag, bool NotDone) {
  if (!SettingsBuilt) {
    SettingsBuilt = true;
    const ASTContext &Ctx = Model.astContext();
    for (const FunctionDecl *F : Model.index().functions()) {
      if (isa<CXXConstructorDecl>(F) || isa<CXXDestructorDecl>(F) || !F->getBody())
        continue;
      forEachIn(F->getBody(), [&](const Stmt *S) {
        if (std::optional<Setting> St = settingOf(S, /*AnyObject=*/true))
          Settings[St->Flag] |= 1u << truthOf(St->Value, Ctx);
      });
    }
  }
  unsigned Bits = Settings.lookup(Flag);
  return Bits & ((1u << (NotDone ? Truthy : Falsy)) | (1u << Unknown));
}

/// Whether an element of \p Region sets \p Flag to a value of truthiness
/// \p Done (itself or in a callee), under a lock also held at the test.
static bool setsInRegion(ConcurrencyModel &Model, llvm::ArrayRef<const CFGBlock *> Region,
                         const ValueDecl *Flag, bool Done, const Lockset &AtTest,
                         llvm::function_ref<std::optional<Lockset>(const Stmt *)> HeldAt) {
  const ASTContext &Ctx = Model.astContext();
  for (const CFGBlock *X : Region)
    for (const CFGElement &E : *X) {
      std::optional<CFGStmt> CS = E.getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *S = CS->getStmt();
      std::optional<Setting> St = settingOf(S, false);
      bool Sets = St ? St->Flag == Flag && truthOf(St->Value, Ctx) == (Done ? Truthy : Falsy)
                     : isa<CallExpr>(S) && callSets(Model, S, Flag, Done, SettingCallDepth);
      if (!Sets)
        continue;
      // The test and the setting under one lock: nobody else passes the
      // test in between.
      std::optional<Lockset> AtSetting = HeldAt(S);
      if (AtSetting && shareLock(*AtSetting, AtTest))
        return true;
    }
  return false;
}

OnceRegions::FunctionRegions &OnceRegions::regionsOf(const FunctionDecl *Def) {
  auto &Slot = Regions[Def];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<FunctionRegions>();
  FunctionRegions &Out = *Slot;
  const CFG *Graph = Model.cfg(Def);
  if (!Graph)
    return Out;
  Locksets &Locks = Model.analysis<Locksets>();
  const FunctionLocks &FL = Locks.of(Def);
  Lockset ByCallers = Locks.heldByEveryCaller(Def);
  auto HeldAt = [&](const Stmt *S) -> std::optional<Lockset> {
    const Lockset *Held = S ? FL.heldBefore(S) : nullptr;
    return Held ? std::optional<Lockset>(unionOf(*Held, ByCallers)) : std::nullopt;
  };
  std::unique_ptr<CFGDomTree> Dom;
  for (const CFGBlock *B : *Graph) {
    std::optional<BranchTest> T = branchTest(*B);
    const ValueDecl *Flag = T ? flagNamed(T->Tested) : nullptr;
    std::optional<Lockset> AtTest = Flag ? HeldAt(lastStatement(*B)) : std::nullopt;
    if (!AtTest || AtTest->empty())
      continue;
    if (!Dom)
      Dom = std::make_unique<CFGDomTree>(const_cast<CFG *>(Graph));
    for (unsigned I = 0; I < 2; ++I) {
      const CFGBlock *Entry = B->succ_begin()[I].getReachableBlock();
      bool NotDone = T->truthyAlong(I);
      if (!Entry || Entry->pred_size() != 1 || resetElsewhere(Flag, NotDone))
        continue;
      llvm::SmallVector<const CFGBlock *, 8> Region;
      for (const CFGBlock *X : *Graph)
        if (Dom->dominates(Entry, X))
          Region.push_back(X);
      if (!setsInRegion(Model, Region, Flag, !NotDone, *AtTest, HeldAt))
        continue;
      FunctionRegions::Ref Here{Flag, unsigned(Out.Tests.size())};
      Out.Tests.push_back(*AtTest);
      for (const CFGBlock *X : *Graph) {
        bool InRegion = llvm::is_contained(Region, X);
        if (!InRegion && (X == B || !Dom->dominates(B, X)))
          continue;
        auto &Into = InRegion ? Out.FlagOf : Out.PastTest;
        for (const CFGElement &E : *X)
          if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>())
            forEachIn(CS->getStmt(), [&](const Stmt *S) { Into.try_emplace(S, Here); });
      }
    }
  }
  return Out;
}

OnceRegions::Standing OnceRegions::roleOf(const Access &A, const FunctionDecl *Root) {
  auto IsFlag = [&](const ValueDecl *Flag) {
    return A.Loc.Field ? Flag == A.Loc.Field : Flag == A.Loc.Var;
  };
  const FunctionDecl *F = Root;
  for (size_t Level = 0; F && Level <= A.Chain.size(); ++Level) {
    const Stmt *At = Level < A.Chain.size() ? A.Chain[Level]->Call : A.Site;
    const FunctionDecl *Def = nullptr;
    if (!F->hasBody(Def))
      break;
    FunctionRegions &R = regionsOf(Def);
    if (FunctionRegions::Ref In = R.FlagOf.lookup(At); In.Flag) {
      if (!IsFlag(In.Flag))
        return {Role::InRegion, nullptr};
      if (A.Kind == AccessKind::Read)
        return {};
      return {Role::SetsFlag, &R.Tests[In.Region]};
    }
    // Reading the flag once the test under the lock is past: it was seen
    // set, or set by this thread, and nobody sets it again.
    if (FunctionRegions::Ref Past = R.PastTest.lookup(At);
        Past.Flag && IsFlag(Past.Flag) && A.Kind == AccessKind::Read)
      return {Role::FlagPastTest, &R.Tests[Past.Region]};
    F = Level < A.Chain.size() ? A.Chain[Level]->Callee : nullptr;
  }
  return {};
}

bool OnceRegions::initialises(const Access &A, const FunctionDecl *Root) {
  Role R = roleOf(A, Root).What;
  return R == Role::InRegion || R == Role::FlagPastTest;
}

bool OnceRegions::setsUp(const Access &A, const FunctionDecl *Root) {
  return A.Kind != AccessKind::Read && roleOf(A, Root).What == Role::InRegion;
}

std::optional<OnceOrder> OnceRegions::orderOf(const Access &A, const FunctionDecl *Root) {
  Standing S = roleOf(A, Root);
  if (S.What != Role::SetsFlag && S.What != Role::FlagPastTest)
    return std::nullopt;
  return OnceOrder{S.What == Role::SetsFlag, *S.TestLocks};
}

bool OnceOrder::orders(const OnceOrder &O) const {
  return Sets != O.Sets && shareLock(TestLocks, O.TestLocks);
}

bool OnceRegions::inRegion(const FunctionDecl *Def, const Stmt *S) {
  return regionsOf(Def).FlagOf.count(S) != 0;
}

} // namespace concur
