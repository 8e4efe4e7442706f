#include "AtomicClaims.h"

#include "Dataflow.h"
#include "ExprWrappers.h"
#include "LockCatalog.h"
#include "QueueTurns.h"
#include "QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {

Claims unionOf(const Claims &A, const Claims &B) {
  Claims Out = A;
  for (const ValueDecl *D : B)
    if (!llvm::is_contained(Out, D))
      Out.push_back(D);
  return Out;
}

bool shareClaim(const Claims &A, const Claims &B) {
  return llvm::any_of(A, [&](const ValueDecl *D) { return llvm::is_contained(B, D); });
}

namespace {

bool isAtomicType(QualType T) {
  if (T->isAtomicType())
    return true; // C11 _Atomic
  const CXXRecordDecl *RD = classOfType(T);
  if (!RD)
    return false;
  std::string N = genericName(RD);
  return N == "std::atomic" || N == "std::atomic_ref";
}

bool isAtomicObject(const Expr *E) {
  // Through the cast to libstdc++'s std::__atomic_base, where ++ and
  // fetch_add of std::atomic<int> are declared.
  return isAtomicType(E->IgnoreParenImpCasts()->getType());
}

/// An atomic read-modify-write or store, and what its value says.
struct AtomicUpdate {
  enum Kind {
    ReturnsOld,  ///< x++, fetch_add, fetch_or, exchange: the value replaced
    ReturnsNew,  ///< ++x, x += n: the value stored
    Compares,    ///< compare_exchange_*(expected, desired): true if it swapped
    Other,       ///< a store, a decrement, fetch_sub, ...: ends a claim
  };
  Kind Result = Other;
  const ValueDecl *Atomic = nullptr;
  const Expr *Operand = nullptr;  ///< what is added or stored
  const Expr *Expected = nullptr; ///< for Compares
};

std::optional<AtomicUpdate> operatorUpdate(const CXXOperatorCallExpr *OC) {
  if (OC->getNumArgs() == 0 || !isAtomicObject(OC->getArg(0)))
    return std::nullopt;
  AtomicUpdate U;
  switch (OC->getOperator()) {
  case OO_PlusPlus:
    U.Result = OC->getNumArgs() == 1 ? AtomicUpdate::ReturnsNew : AtomicUpdate::ReturnsOld;
    break;
  case OO_PlusEqual:
    U.Result = AtomicUpdate::ReturnsNew;
    U.Operand = OC->getArg(1);
    break;
  case OO_MinusMinus:
  case OO_MinusEqual:
  case OO_Equal:
  case OO_PipeEqual:
  case OO_AmpEqual:
  case OO_CaretEqual:
    break;
  default:
    return std::nullopt;
  }
  U.Atomic = LockCatalog::objectIdOf(OC->getArg(0)).Decl;
  return U;
}

std::optional<AtomicUpdate> memberUpdate(const CXXMemberCallExpr *MC) {
  const Expr *Object = MC->getImplicitObjectArgument();
  const CXXMethodDecl *M = MC->getMethodDecl();
  if (!Object || !M || !M->getIdentifier() || !isAtomicObject(Object))
    return std::nullopt;
  llvm::StringRef N = M->getName();
  AtomicUpdate U;
  const Expr *First = MC->getNumArgs() ? MC->getArg(0) : nullptr;
  if (N == "fetch_add" || N == "fetch_or" || N == "exchange") {
    U.Result = AtomicUpdate::ReturnsOld;
    U.Operand = First;
  } else if (N.starts_with("compare_exchange") && MC->getNumArgs() >= 2) {
    U.Result = AtomicUpdate::Compares;
    U.Expected = First;
    U.Operand = MC->getArg(1);
  } else if (N != "store" && N != "fetch_sub" && N != "fetch_and" && N != "fetch_xor") {
    return std::nullopt; // load, wait, notify: no write
  }
  U.Atomic = LockCatalog::objectIdOf(Object).Decl;
  return U;
}

/// The atomic update \p E performs, if any.
std::optional<AtomicUpdate> atomicUpdate(const Expr *E) {
  if (!E)
    return std::nullopt;
  E = ignoreValueWrappers(E)->IgnoreParenImpCasts();
  std::optional<AtomicUpdate> U;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    U = operatorUpdate(OC);
  else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    U = memberUpdate(MC);
  else if (const auto *UO = dyn_cast<UnaryOperator>(E);
           UO && UO->isIncrementDecrementOp() && isAtomicObject(UO->getSubExpr())) {
    U = AtomicUpdate{};
    if (UO->isIncrementOp())
      U->Result = UO->isPrefix() ? AtomicUpdate::ReturnsNew : AtomicUpdate::ReturnsOld;
    U->Atomic = LockCatalog::objectIdOf(UO->getSubExpr()).Decl;
  }
  if (!U || !U->Atomic)
    return std::nullopt;
  return U;
}

bool isZeroConstant(const Expr *E, const ASTContext &Ctx) {
  if (E && isa<CXXNullPtrLiteralExpr>(E->IgnoreParenImpCasts()))
    return true;
  std::optional<llvm::APSInt> V = constantOf(E, Ctx);
  return V && V->isZero();
}

/// An operand that moves the atomic away from zero: absent (`++x`, `x++`)
/// or a positive constant.
bool movesFromZero(const Expr *Operand, const ASTContext &Ctx) {
  if (!Operand)
    return true;
  std::optional<llvm::APSInt> V = constantOf(Operand, Ctx);
  return V && V->isStrictlyPositive();
}

/// `expected` of a compare-exchange: a local initialised to zero.
bool expectsZero(const Expr *Expected, const ASTContext &Ctx) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(Expected ? Expected->IgnoreParenImpCasts() : nullptr);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) && V->getInit() &&
         isZeroConstant(V->getInit(), Ctx);
}

} // namespace

const ValueDecl *claimAlong(const CFGBlock &From, unsigned SuccIndex, const ASTContext &Ctx) {
  std::optional<BranchTest> Test = branchTest(From);
  if (!Test)
    return nullptr;
  bool Truthy = Test->truthyAlong(SuccIndex);
  // `++x == 1`, `1 != ++x`: the new value is the first one.
  if (const auto *BO = dyn_cast<BinaryOperator>(Test->Tested);
      BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    bool EqualHere = Truthy == (BO->getOpcode() == BO_EQ);
    for (auto [Side, Value] : {std::pair(BO->getLHS(), BO->getRHS()),
                               std::pair(BO->getRHS(), BO->getLHS())}) {
      std::optional<AtomicUpdate> U = atomicUpdate(Side);
      if (!U || U->Result != AtomicUpdate::ReturnsNew || !EqualHere)
        continue;
      std::optional<llvm::APSInt> Step = U->Operand ? constantOf(U->Operand, Ctx)
                                                    : std::optional(llvm::APSInt::get(1));
      std::optional<llvm::APSInt> First = constantOf(Value, Ctx);
      if (Step && First && Step->isStrictlyPositive() &&
          llvm::APSInt::isSameValue(*Step, *First))
        return U->Atomic;
    }
    return nullptr;
  }
  std::optional<AtomicUpdate> U = atomicUpdate(Test->Tested);
  if (!U)
    return nullptr;
  // `!x.exchange(true)`, `x.fetch_add(1) == 0`: the old value was zero.
  if (U->Result == AtomicUpdate::ReturnsOld && !Truthy && movesFromZero(U->Operand, Ctx))
    return U->Atomic;
  if (U->Result == AtomicUpdate::Compares && Truthy && expectsZero(U->Expected, Ctx) &&
      movesFromZero(U->Operand, Ctx) && !isZeroConstant(U->Operand, Ctx))
    return U->Atomic;
  return nullptr;
}

const ValueDecl *atomicWritten(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  std::optional<AtomicUpdate> U = atomicUpdate(E);
  return U ? U->Atomic : nullptr;
}

bool storesZero(const Stmt *S, const ASTContext &Ctx) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  E = E ? ignoreValueWrappers(E)->IgnoreParenImpCasts() : nullptr;
  if (!atomicWritten(E))
    return false;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    return OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 &&
           isZeroConstant(OC->getArg(1), Ctx);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    return MC->getMethodDecl()->getName() == "store" && MC->getNumArgs() &&
           isZeroConstant(MC->getArg(0), Ctx);
  return false;
}

bool isAtomicClaim(LockId Id) {
  return Id && isAtomicType(Id.Decl->getType().getNonReferenceType());
}

bool isClaim(LockId Id) { return isAtomicClaim(Id) || isQueueTurn(Id); }

} // namespace concur
