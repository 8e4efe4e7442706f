#include "FutureReadiness.h"

#include "Dataflow.h"
#include "ExprWrappers.h"
#include "QualifiedNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <optional>

using namespace clang;

namespace concur {

bool FutureReadiness::isFutureClass(const CXXRecordDecl *Class) {
  if (!Class)
    return false;
  std::string Name = genericName(Class);
  return Name == "std::future" || Name == "std::shared_future" ||
         Name == "concur::Future";
}

namespace {

using FutureSet = llvm::SmallPtrSet<const ValueDecl *, 4>;

const Expr *strip(const Expr *E) { return ignoreValueWrappers(E); }

/// The variable or field of `this` an object expression names, if it holds
/// a future.
const ValueDecl *futureKey(const Expr *Obj) {
  Obj = strip(Obj);
  if (!Obj || !FutureReadiness::isFutureClass(classOfType(Obj->getType())))
    return nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Obj))
    return isa<VarDecl>(DRE->getDecl()) ? DRE->getDecl() : nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(Obj))
    if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
      return isa<FieldDecl>(ME->getMemberDecl()) ? ME->getMemberDecl() : nullptr;
  return nullptr;
}

/// The future a member call is made on, with the member's name.
const ValueDecl *futureOfMemberCall(const Expr *E, llvm::StringRef &Method) {
  const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(strip(E));
  if (!MC || !MC->getMethodDecl() || !MC->getMethodDecl()->getIdentifier())
    return nullptr;
  Method = MC->getMethodDecl()->getName();
  return futureKey(MC->getImplicitObjectArgument());
}

bool isTimedWait(llvm::StringRef Method) {
  return Method == "wait_for" || Method == "wait_until";
}

class FunctionReadiness {
public:
  explicit FunctionReadiness(const CFG &G) : G(G) {}

  void run(llvm::DenseSet<const Expr *> &ReadyCalls) {
    collectStatusVariables();
    // A future is ready at a merge only if it is ready on every path in.
    auto Intersect = [](FutureSet &Into, const FutureSet &From) {
      Into.remove_if([&](const ValueDecl *D) { return !From.contains(D); });
    };
    auto Transfer = [](FutureSet &State, const CFGElement &El) {
      if (auto S = El.getAs<CFGStmt>())
        transfer(S->getStmt(), State);
    };
    auto Edge = [&](FutureSet &State, const CFGBlock &From, unsigned SuccIndex) {
      if (const ValueDecl *F = readyAlong(From, SuccIndex))
        State.insert(F);
    };
    std::vector<std::optional<FutureSet>> In =
        solveForward(G, FutureSet(), Transfer, Edge, Intersect);
    // Replay each block with its fixed-point entry state and record the
    // waits that run on ready futures, on every occurrence.
    llvm::DenseSet<const Expr *> NotReady;
    for (const CFGBlock *B : G) {
      if (!In[B->getBlockID()])
        continue;
      FutureSet State = *In[B->getBlockID()];
      for (const CFGElement &El : *B) {
        auto S = El.getAs<CFGStmt>();
        if (!S)
          continue;
        if (const auto *E = dyn_cast<Expr>(S->getStmt())) {
          llvm::StringRef Method;
          if (const ValueDecl *F = futureOfMemberCall(E, Method))
            if (Method == "get" || Method == "wait" || isTimedWait(Method) ||
                Method == "exception")
              (State.contains(F) ? ReadyCalls : NotReady).insert(E);
        }
        transfer(S->getStmt(), State);
      }
    }
    for (const Expr *E : NotReady)
      ReadyCalls.erase(E);
  }

private:
  /// `auto st = f.wait_for(0s);` makes `st` stand for a readiness test of f.
  void collectStatusVariables() {
    for (const CFGBlock *B : G)
      for (const CFGElement &El : *B)
        if (auto S = El.getAs<CFGStmt>())
          if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt()))
            for (const Decl *D : DS->decls())
              if (const auto *VD = dyn_cast<VarDecl>(D)) {
                llvm::StringRef Method;
                if (const ValueDecl *F = futureOfMemberCall(VD->getInit(), Method))
                  if (isTimedWait(Method))
                    StatusOf[VD] = F;
              }
  }

  /// The future proven ready along successor \p SuccIndex of \p From.
  const ValueDecl *readyAlong(const CFGBlock &From, unsigned SuccIndex) const {
    std::optional<BranchTest> Test = branchTest(From);
    if (!Test)
      return nullptr;
    auto [Tested, Truthy] = provenOperand(*Test, SuccIndex);
    bool ReadyWhenTruthy = true;
    const ValueDecl *F = readinessTest(Tested, ReadyWhenTruthy);
    return F && Truthy == ReadyWhenTruthy ? F : nullptr;
  }

  /// If \p E (a branch's test, negations removed: see branchTest) tests a
  /// future's readiness, that future; \p WhenTrue is set to the truth value
  /// of E that means "ready".
  const ValueDecl *readinessTest(const Expr *E, bool &WhenTrue) const {
    E = strip(E);
    const Expr *LHS = nullptr, *RHS = nullptr;
    bool Equal = true;
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->getOpcode() != BO_EQ && BO->getOpcode() != BO_NE)
        return nullptr;
      LHS = BO->getLHS();
      RHS = BO->getRHS();
      Equal = BO->getOpcode() == BO_EQ;
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      if ((OC->getOperator() != OO_EqualEqual && OC->getOperator() != OO_ExclaimEqual) ||
          OC->getNumArgs() != 2)
        return nullptr;
      LHS = OC->getArg(0);
      RHS = OC->getArg(1);
      Equal = OC->getOperator() == OO_EqualEqual;
    } else {
      // concur::Future::wait_for returns true when done; done() likewise.
      llvm::StringRef Method;
      const ValueDecl *F = futureOfMemberCall(E, Method);
      if (F && (isTimedWait(Method) || Method == "done") &&
          strip(E)->getType()->isBooleanType()) {
        WhenTrue = true;
        return F;
      }
      return nullptr;
    }
    if (isReadyEnumerator(LHS))
      std::swap(LHS, RHS);
    if (!isReadyEnumerator(RHS))
      return nullptr;
    WhenTrue = Equal;
    return statusSource(LHS);
  }

  static bool isReadyEnumerator(const Expr *E) {
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(E));
    return DRE && isa<EnumConstantDecl>(DRE->getDecl()) &&
           DRE->getDecl()->getName() == "ready";
  }

  /// The future whose status \p E is: a wait_for/wait_until call on it, or a
  /// status variable initialised by one.
  const ValueDecl *statusSource(const Expr *E) const {
    llvm::StringRef Method;
    if (const ValueDecl *F = futureOfMemberCall(E, Method))
      return isTimedWait(Method) ? F : nullptr;
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(E)))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        return StatusOf.lookup(VD);
    return nullptr;
  }

  /// Assignments, moves and non-const reference passing may replace the
  /// future: it is no longer known ready.
  static void transfer(const Stmt *S, FutureSet &State) {
    if (State.empty())
      return;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (OC->isAssignmentOp() && OC->getNumArgs() > 0)
        if (const ValueDecl *F = futureKey(OC->getArg(0)))
          State.erase(F);
    }
    auto KillMutableArgs = [&](const FunctionDecl *Callee, auto Args) {
      unsigned I = 0;
      for (const Expr *Arg : Args) {
        unsigned Index = I++;
        const ValueDecl *F = futureKey(Arg);
        if (!F)
          continue;
        if (!Callee || Index >= Callee->getNumParams()) {
          State.erase(F);
          continue;
        }
        QualType T = Callee->getParamDecl(Index)->getType();
        if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified())
          State.erase(F);
      }
    };
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      if (!isa<CXXOperatorCallExpr>(CE) || !isa<CXXMethodDecl>(CE->getDirectCallee()))
        KillMutableArgs(CE->getDirectCallee(), CE->arguments());
    } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(S)) {
      KillMutableArgs(Ctor->getConstructor(), Ctor->arguments());
    }
  }

  const CFG &G;
  llvm::DenseMap<const VarDecl *, const ValueDecl *> StatusOf;
};

} // namespace

bool FutureReadiness::isKnownReady(const FunctionDecl *F, const Expr *Call) {
  if (!F || !Call)
    return false;
  const FunctionDecl *Def = nullptr;
  if (!F->hasBody(Def))
    return false;
  auto &Slot = ReadyCalls[Def];
  if (!Slot) {
    Slot = std::make_unique<CallSet>();
    if (const CFG *G = Model.cfg(Def))
      FunctionReadiness(*G).run(*Slot);
  }
  return Slot->contains(Call);
}

} // namespace concur
