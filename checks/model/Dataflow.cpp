#include "Dataflow.h"

#include "CallWrites.h"
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
struct WriteCollector {
  llvm::DenseSet<const Decl *> &Out;
  /// Whether every change of a declaration was an assignment or increment
  /// of the variable itself (by name).
  llvm::DenseMap<const Decl *, bool> &OnlyAssigned;
  /// Whether every change was a store to it by name or through a member
  /// (`s.f = v`, `p->n++`), or its address handed straight to a call.
  llvm::DenseMap<const Decl *, bool> &OnlyStored;
  /// The calls handed a declaration's address (`eval(&state)`).
  llvm::DenseMap<const Decl *, llvm::SmallVector<const CallExpr *, 1>> &Handed;

  void mark(const Expr *E, bool Assigned, const CallExpr *HandedTo = nullptr) {
    const Decl *D = E ? namedDecl(E) : nullptr;
    if (!D)
      return;
    Out.insert(D);
    const Expr *Bare = E->IgnoreParens();
    bool ByName = Assigned && isa<DeclRefExpr>(Bare);
    bool Stored = (Assigned && (isa<DeclRefExpr>(Bare) || isa<MemberExpr>(Bare))) || HandedTo;
    auto [It, Fresh] = OnlyAssigned.try_emplace(D, ByName);
    It->second = It->second && ByName;
    auto [St, StFresh] = OnlyStored.try_emplace(D, Stored);
    St->second = St->second && Stored;
    if (HandedTo)
      Handed[D].push_back(HandedTo);
  }

  /// `&x` as an argument of \p Call: x is handed to it.
  static const UnaryOperator *handedAddress(const Expr *Arg) {
    const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
    return UO && UO->getOpcode() == UO_AddrOf ? UO : nullptr;
  }

  void visit(const Stmt *S, const UnaryOperator *Skip) {
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp())
      mark(BO->getLHS(), /*Assigned=*/true);
    if (const auto *UO = dyn_cast<UnaryOperator>(S);
        UO && UO != Skip && (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf))
      mark(UO->getSubExpr(), /*Assigned=*/UO->isIncrementDecrementOp());
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S); OC && OC->getNumArgs() > 0 &&
        (OC->isAssignmentOp() || OC->getOperator() == OO_PlusPlus ||
         OC->getOperator() == OO_MinusMinus))
      mark(OC->getArg(0), /*Assigned=*/false);
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
        const ParmVarDecl *P =
            Callee && I < Callee->getNumParams() ? Callee->getParamDecl(I) : nullptr;
        QualType T = P ? P->getType() : QualType();
        if (!P || (T->isReferenceType() && !T.getNonReferenceType().isConstQualified()))
          mark(CE->getArg(I), /*Assigned=*/false);
        if (const UnaryOperator *Addr = handedAddress(CE->getArg(I))) {
          mark(Addr->getSubExpr(), /*Assigned=*/false, CE);
          visit(Addr, Addr);
        } else {
          visit(CE->getArg(I), nullptr);
        }
      }
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
        if (const CXXMethodDecl *M = MC->getMethodDecl(); M && !M->isConst())
          mark(MC->getImplicitObjectArgument(), /*Assigned=*/false);
      visit(CE->getCallee(), nullptr);
      return;
    }
    if (const auto *LE = dyn_cast<LambdaExpr>(S))
      for (const LambdaCapture &C : LE->captures())
        if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
          Out.insert(C.getCapturedVar());
    for (const Stmt *Child : S->children())
      visit(Child, nullptr);
  }
};

} // namespace

const Expr *statusCallTested(const CFGBlock &From, const Expr *Tested) {
  const auto *Ref = dyn_cast<DeclRefExpr>(Tested);
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage() || V->getType()->isReferenceType())
    return nullptr;
  // The last store to V in the block decides; none there: unknown.
  for (auto It = From.rbegin(); It != From.rend(); ++It) {
    auto CS = It->getAs<CFGStmt>();
    if (!CS)
      continue;
    const Expr *Stored = nullptr;
    if (const auto *DS = dyn_cast<DeclStmt>(CS->getStmt());
        DS && DS->isSingleDecl() && DS->getSingleDecl() == V)
      Stored = V->getInit() ? V->getInit() : Tested;
    else if (const auto *BO = dyn_cast<BinaryOperator>(CS->getStmt()); BO && BO->isAssignmentOp())
      if (const auto *L = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
          L && L->getDecl() == V)
        Stored = BO->getOpcode() == BO_Assign ? BO->getRHS() : Tested;
    if (Stored)
      return isa<CallExpr>(Stored->IgnoreParenImpCasts()) ? Stored->IgnoreParenImpCasts() : nullptr;
  }
  return nullptr;
}

InvariantConditions::InvariantConditions(const FunctionDecl &F, CallWrites *Calls)
    : Ctx(&F.getASTContext()), Calls(Calls) {
  WriteCollector{Written, OnlyAssigned, OnlyStored, Handed}.visit(F.getBody(), nullptr);
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
      V->isStaticLocal() || V->getType().isVolatileQualified() ||
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

llvm::SmallVector<unsigned, 2> InvariantConditions::overwritten(const Stmt *S) {
  llvm::SmallVector<unsigned, 2> Lost;
  const Expr *Target = nullptr;
  bool Constant = false;
  if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp()) {
    Target = BO->getLHS();
    Constant = BO->getOpcode() == BO_Assign && constantTruth(BO->getRHS());
  } else if (const auto *UO = dyn_cast<UnaryOperator>(S); UO && UO->isIncrementDecrementOp()) {
    Target = UO->getSubExpr();
  } else if (const auto *DS = dyn_cast<DeclStmt>(S); DS && DS->isSingleDecl()) {
    // A declaration without a constant initialiser (`int n;` too: its
    // value is not known).
    const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl());
    if (V && !(V->getInit() && constantTruth(V->getInit())) && Written.contains(V))
      if (unsigned Key = keyOfFlag(V))
        Lost.push_back(Key);
    return Lost;
  }
  const Decl *D = Target ? namedDecl(Target) : nullptr;
  if (!D)
    return Lost;
  // A flag given a constant is assignedFlag's; any other value is lost.
  const auto *Ref = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts());
  if (const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr; V && !Constant)
    if (unsigned Key = keyOfFlag(V))
      Lost.push_back(Key);
  if (auto It = KeysEndedBy.find(D); It != KeysEndedBy.end())
    llvm::append_range(Lost, It->second);
  return Lost;
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

bool InvariantConditions::storedPath(const Expr *E, llvm::SmallVectorImpl<const Decl *> &Stored,
                                     llvm::SmallVectorImpl<const FieldDecl *> &Fields) const {
  E = E->IgnoreParenImpCasts();
  if (invariant(E))
    return true;
  const ValueDecl *D = nullptr;
  const Expr *Base = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V || V->getType()->isReferenceType())
      return false;
    D = V;
  } else if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field)
      return false;
    D = Field;
    Fields.push_back(Field);
    Base = ME->getBase()->IgnoreParenImpCasts();
  } else if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    return !UO->isIncrementDecrementOp() && UO->getOpcode() != UO_Deref &&
           storedPath(UO->getSubExpr(), Stored, Fields);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    return !BO->isAssignmentOp() && BO->getOpcode() != BO_Comma &&
           storedPath(BO->getLHS(), Stored, Fields) && storedPath(BO->getRHS(), Stored, Fields);
  } else {
    return false;
  }
  if (D->getType().isVolatileQualified())
    return false;
  if (Written.contains(D)) {
    auto It = OnlyStored.find(D);
    if (It == OnlyStored.end() || !It->second)
      return false;
    Stored.push_back(D);
  }
  return !Base || isa<CXXThisExpr>(Base) || storedPath(Base, Stored, Fields);
}

unsigned InvariantConditions::keyFor(const Expr *Tested) {
  llvm::FoldingSetNodeID ID;
  Tested->IgnoreParenImpCasts()->Profile(ID, *Ctx, /*Canonical=*/true);
  for (unsigned I = 0; I < Keys.size(); ++I)
    if (Keys[I] == ID)
      return I + 1;
  Keys.push_back(ID);
  return Keys.size();
}

unsigned InvariantConditions::keyOf(const Expr *Tested) {
  if (!Tested)
    return 0;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Tested->IgnoreParenImpCasts()))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && Written.contains(V))
      return keyOfFlag(V);
  if (invariant(Tested))
    return keyFor(Tested);
  llvm::SmallVector<const Decl *, 4> Stored;
  llvm::SmallVector<const FieldDecl *, 4> Fields;
  if (!storedPath(Tested, Stored, Fields))
    return 0;
  // An object whose address a call is handed stays what the path knows
  // only if no such call may change a field the test reads. A scalar or a
  // pointer handed by address is the callee's to overwrite.
  for (const Decl *D : Stored)
    if (auto It = Handed.find(D); It != Handed.end()) {
      const auto *Value = dyn_cast<ValueDecl>(D);
      if (!Calls || !Value || !Value->getType()->isRecordType())
        return 0;
      for (const CallExpr *Call : It->second)
        if (Calls->mayChange(*Call, Fields))
          return 0;
    }
  unsigned Key = keyFor(Tested);
  for (const Decl *D : Stored) {
    llvm::SmallVector<unsigned, 1> &Ended = KeysEndedBy[D];
    if (!llvm::is_contained(Ended, Key))
      Ended.push_back(Key);
  }
  return Key;
}

} // namespace concur
