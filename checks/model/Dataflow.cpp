#include "Dataflow.h"

#include "ExprWrappers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {
namespace {

/// The variable or field an lvalue expression names, if any.
const Decl *namedDecl(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl();
  return nullptr;
}

/// The integer a constant store writes (`true`, `0`, `1u`), if it is one.
std::optional<bool> constantTruth(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *B = dyn_cast<CXXBoolLiteralExpr>(E))
    return B->getValue();
  if (const auto *I = dyn_cast<IntegerLiteral>(E))
    return I->getValue().getBoolValue();
  return std::nullopt;
}

/// Every declaration the body may change: assigned, incremented, its
/// address taken, bound to a non-const reference, captured by reference.
/// \p OnlyAssigned says, for each, whether every change was an assignment
/// or increment of the variable itself.
void collectWritten(const Stmt *S, llvm::DenseSet<const Decl *> &Out,
                    llvm::DenseMap<const Decl *, bool> &OnlyAssigned) {
  if (!S)
    return;
  auto Mark = [&](const Expr *E, bool Assigned = false) {
    if (const Decl *D = E ? namedDecl(E) : nullptr) {
      Out.insert(D);
      Assigned = Assigned && isa<DeclRefExpr>(E->IgnoreParens());
      auto [It, Fresh] = OnlyAssigned.try_emplace(D, Assigned);
      It->second = It->second && Assigned;
    }
  };
  if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp())
    Mark(BO->getLHS(), /*Assigned=*/true);
  if (const auto *UO = dyn_cast<UnaryOperator>(S);
      UO && (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf))
    Mark(UO->getSubExpr(), /*Assigned=*/UO->isIncrementDecrementOp());
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S); OC && OC->getNumArgs() > 0 &&
      (OC->isAssignmentOp() || OC->getOperator() == OO_PlusPlus ||
       OC->getOperator() == OO_MinusMinus))
    Mark(OC->getArg(0));
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      const ParmVarDecl *P =
          Callee && I < Callee->getNumParams() ? Callee->getParamDecl(I) : nullptr;
      QualType T = P ? P->getType() : QualType();
      if (!P || (T->isReferenceType() && !T.getNonReferenceType().isConstQualified()))
        Mark(CE->getArg(I));
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
      if (const CXXMethodDecl *M = MC->getMethodDecl(); M && !M->isConst())
        Mark(MC->getImplicitObjectArgument());
  }
  if (const auto *LE = dyn_cast<LambdaExpr>(S))
    for (const LambdaCapture &C : LE->captures())
      if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
        Out.insert(C.getCapturedVar());
  for (const Stmt *Child : S->children())
    collectWritten(Child, Out, OnlyAssigned);
}

} // namespace

InvariantConditions::InvariantConditions(const FunctionDecl &F) : Ctx(&F.getASTContext()) {
  collectWritten(F.getBody(), Written, OnlyAssigned);
}

std::optional<bool> InvariantConditions::truthiness(const Expr *E) const {
  for (unsigned Depth = 0; E && Depth < 4; ++Depth) {
    if (E->isValueDependent())
      return std::nullopt;
    if (E->isNullPointerConstant(const_cast<ASTContext &>(*Ctx), Expr::NPC_ValueDependentIsNotNull))
      return false;
    if (std::optional<llvm::APSInt> Value = constantOf(E, *Ctx))
      return Value->getBoolValue();
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || Written.contains(V))
      return std::nullopt;
    E = V->getInit();
  }
  return std::nullopt;
}

unsigned InvariantConditions::keyOfFlag(const VarDecl *V) {
  auto It = OnlyAssigned.find(V);
  if (It == OnlyAssigned.end() || !It->second || !V->hasLocalStorage() ||
      isa<ParmVarDecl>(V) || V->isStaticLocal() || V->getType().isVolatileQualified() ||
      !V->getType()->isIntegralOrEnumerationType())
    return 0;
  llvm::FoldingSetNodeID ID;
  ID.AddPointer(V);
  ID.AddString("flag"); // no statement profile starts like this
  for (unsigned I = 0; I < Keys.size(); ++I)
    if (Keys[I] == ID)
      return I + 1;
  Keys.push_back(ID);
  return Keys.size();
}

std::optional<Assumption> InvariantConditions::assignedFlag(const Stmt *S) {
  const VarDecl *V = nullptr;
  std::optional<bool> Value;
  if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->getOpcode() == BO_Assign) {
    if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
      V = dyn_cast<VarDecl>(DRE->getDecl());
    Value = constantTruth(BO->getRHS());
  } else if (const auto *DS = dyn_cast<DeclStmt>(S); DS && DS->isSingleDecl()) {
    V = dyn_cast<VarDecl>(DS->getSingleDecl());
    if (V && V->getInit())
      Value = constantTruth(V->getInit());
  }
  unsigned Key = V && Value ? keyOfFlag(V) : 0;
  if (!Key)
    return std::nullopt;
  return Assumption{Key, *Value};
}

unsigned InvariantConditions::overwrittenFlag(const Stmt *S) {
  const Expr *Target = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp()) {
    if (BO->getOpcode() != BO_Assign || !constantTruth(BO->getRHS()))
      Target = BO->getLHS();
  } else if (const auto *UO = dyn_cast<UnaryOperator>(S); UO && UO->isIncrementDecrementOp()) {
    Target = UO->getSubExpr();
  } else if (const auto *DS = dyn_cast<DeclStmt>(S); DS && DS->isSingleDecl()) {
    // A declaration without a constant initialiser (`int n;` too: its
    // value is not known).
    const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl());
    if (V && !(V->getInit() && constantTruth(V->getInit())) && Written.contains(V))
      return keyOfFlag(V);
    return 0;
  }
  const auto *Ref = Target ? dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts()) : nullptr;
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return V ? keyOfFlag(V) : 0;
}

bool InvariantConditions::invariant(const Expr *E) const {
  E = E->IgnoreParens();
  if (isa<IntegerLiteral>(E) || isa<CXXBoolLiteralExpr>(E) || isa<CharacterLiteral>(E) ||
      isa<CXXNullPtrLiteralExpr>(E) || isa<GNUNullExpr>(E))
    return true;
  if (const auto *C = dyn_cast<CastExpr>(E))
    return invariant(C->getSubExpr());
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = DRE->getDecl();
    if (isa<FunctionDecl>(D) || isa<EnumConstantDecl>(D))
      return true;
    const auto *V = dyn_cast<VarDecl>(D);
    return V && !V->getType().isVolatileQualified() && !V->getType()->isReferenceType() &&
           !Written.contains(V);
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    // A field the body never writes, of this object or of an object named
    // by an invariant expression (`mod->needs_lock` with `mod` unchanged).
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    const ValueDecl *Field = ME->getMemberDecl();
    if (!isa<FieldDecl>(Field) || Field->getType().isVolatileQualified() ||
        Written.contains(Field))
      return false;
    return isa<CXXThisExpr>(Base) || invariant(Base);
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return !UO->isIncrementDecrementOp() && UO->getOpcode() != UO_Deref &&
           invariant(UO->getSubExpr());
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return !BO->isAssignmentOp() && BO->getOpcode() != BO_Comma && invariant(BO->getLHS()) &&
           invariant(BO->getRHS());
  return false;
}

unsigned InvariantConditions::keyOf(const Expr *Tested) {
  if (!Tested)
    return 0;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Tested->IgnoreParenImpCasts()))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && Written.contains(V))
      return keyOfFlag(V);
  if (!invariant(Tested))
    return 0;
  llvm::FoldingSetNodeID ID;
  Tested->IgnoreParenImpCasts()->Profile(ID, *Ctx, /*Canonical=*/true);
  for (unsigned I = 0; I < Keys.size(); ++I)
    if (Keys[I] == ID)
      return I + 1;
  Keys.push_back(ID);
  return Keys.size();
}

} // namespace concur
