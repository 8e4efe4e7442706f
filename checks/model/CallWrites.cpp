#include "CallWrites.h"

#include "CallTargets.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {
namespace {

/// Calls nested deeper than this may change anything.
constexpr unsigned MaxDepth = 8;
/// Pointers and members followed from a handed object.
constexpr unsigned MaxReach = 4;

/// The record \p T is, points to or refers to (through any number of
/// pointers and arrays), if any.
const RecordDecl *recordBehind(QualType T) {
  for (unsigned I = 0; I < 8 && !T.isNull(); ++I) {
    if (T->isPointerType() || T->isReferenceType())
      T = T->getPointeeType();
    else if (const ArrayType *A = T->getAsArrayTypeUnsafe())
      T = A->getElementType();
    else
      break;
  }
  if (T.isNull())
    return nullptr;
  const RecordDecl *RD = T->getAsRecordDecl();
  return RD && RD->getDefinition() ? RD->getDefinition() : nullptr;
}

bool isIncDecOrAssignOperator(const CXXOperatorCallExpr &OC) {
  return OC.isAssignmentOp() || OC.getOperator() == OO_PlusPlus ||
         OC.getOperator() == OO_MinusMinus;
}

} // namespace

CallWrites::CallWrites(ConcurrencyModel &Model) : Targets(Model.analysis<CallTargets>()) {}
CallWrites::~CallWrites() = default;

bool CallWrites::mayChange(const CallExpr &Call, llvm::ArrayRef<const FieldDecl *> Fields) {
  Effects Here;
  addCall(Call, Here);
  return changes(Here, Fields);
}

const CallWrites::Effects &CallWrites::of(const FunctionDecl *Def) {
  if (auto It = Memo.find(Def); It != Memo.end())
    return *It->second; // a recursive call adds what the outer walk collects
  auto Fresh = std::make_unique<Effects>();
  Effects *Out = Fresh.get();
  Memo[Def] = std::move(Fresh);
  if (Depth >= MaxDepth) {
    Out->Anything = true;
    return *Out;
  }
  ++Depth;
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      collect(Init->getInit(), *Out);
  collect(Def->getBody(), *Out);
  --Depth;
  return *Out;
}

void CallWrites::collect(const Stmt *Body, Effects &Out) {
  llvm::SmallVector<const Stmt *, 64> Work{Body};
  while (!Work.empty() && !Out.Anything) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp())
      addWrite(BO->getLHS(), Out);
    else if (const auto *UO = dyn_cast<UnaryOperator>(S);
             UO && (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf))
      addWrite(UO->getSubExpr(), Out);
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
        OC && OC->getNumArgs() > 0 && isIncDecOrAssignOperator(*OC))
      addWrite(OC->getArg(0), Out);
    if (const auto *Call = dyn_cast<CallExpr>(S))
      addCall(*Call, Out);
    llvm::append_range(Work, S->children());
  }
}

void CallWrites::addWrite(const Expr *Target, Effects &Out) {
  const Expr *E = Target->IgnoreParenImpCasts();
  while (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E))
    E = Sub->getBase()->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      Out.Fields.insert(Field);
  // A whole object assigned (`*p = q`, `s = t`) changes every field in it.
  if (!E->getType()->isPointerType())
    if (const RecordDecl *RD = recordBehind(E->getType()))
      Out.Records.insert(RD);
}

void CallWrites::addCall(const CallExpr &Call, Effects &Out) {
  std::optional<CallTargets::Functions> Runs = Targets.of(Call);
  if (!Runs) {
    Out.Anything = true;
    return;
  }
  for (const FunctionDecl *F : *Runs) {
    const FunctionDecl *Def = nullptr;
    if (F->hasBody(Def)) {
      const Effects &Callee = of(Def);
      Out.Anything |= Callee.Anything;
      Out.Fields.insert(Callee.Fields.begin(), Callee.Fields.end());
      Out.Records.insert(Callee.Records.begin(), Callee.Records.end());
      continue;
    }
    // A body this TU does not have: whatever it is handed may change.
    for (const Expr *Arg : Call.arguments())
      addHanded(Arg->getType(), Out);
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(&Call))
      if (const Expr *Object = MC->getImplicitObjectArgument())
        addHanded(Object->getType(), Out);
  }
}

void CallWrites::addHanded(QualType T, Effects &Out) {
  if (T.isNull() || !(T->isPointerType() || T->isReferenceType() || T->isRecordType()))
    return;
  if (T->isPointerType() && T->getPointeeType().isConstQualified())
    return; // `const S *`: read only
  if (const RecordDecl *RD = recordBehind(T))
    Out.Records.insert(RD);
}

bool CallWrites::reaches(const RecordDecl *R, llvm::ArrayRef<const FieldDecl *> Fields,
                         unsigned Level, llvm::DenseSet<const RecordDecl *> &Seen) const {
  if (!R || Level > MaxReach || !Seen.insert(R).second)
    return false;
  for (const FieldDecl *F : Fields)
    if (F->getParent()->getCanonicalDecl() == R->getCanonicalDecl())
      return true;
  if (const auto *CXX = dyn_cast<CXXRecordDecl>(R); CXX && CXX->hasDefinition())
    for (const CXXBaseSpecifier &Base : CXX->bases())
      if (reaches(recordBehind(Base.getType()), Fields, Level, Seen))
        return true;
  for (const FieldDecl *Member : R->fields())
    if (reaches(recordBehind(Member->getType()), Fields, Level + 1, Seen))
      return true;
  return false;
}

bool CallWrites::changes(const Effects &E, llvm::ArrayRef<const FieldDecl *> Fields) const {
  if (E.Anything)
    return true;
  for (const FieldDecl *F : Fields)
    if (E.Fields.contains(F))
      return true;
  for (const RecordDecl *R : E.Records) {
    llvm::DenseSet<const RecordDecl *> Seen;
    if (reaches(R, Fields, 0, Seen))
      return true;
  }
  return false;
}

} // namespace concur
