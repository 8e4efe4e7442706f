#include "EnclosedMembers.h"

#include "TranslationUnitIndex.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace concur {
namespace {

/// Whether a value of type \p T refers to an object rather than copying one.
bool refersToObject(QualType T) {
  return !T.isNull() && (T->isReferenceType() || T->isPointerType());
}

/// The parameter \p Arg of \p Call is bound to, or null when unknown.
const ParmVarDecl *parameterFor(const CallExpr *Call, const Stmt *Arg) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return nullptr;
  // A member operator's first argument is its object.
  unsigned Shift = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
  for (unsigned I = Shift; I < Call->getNumArgs(); ++I)
    if (Call->getArg(I) == Arg)
      return I - Shift < Callee->getNumParams() ? Callee->getParamDecl(I - Shift) : nullptr;
  return nullptr;
}

bool copiesOrMoves(const FunctionDecl *F) {
  if (const auto *C = dyn_cast_or_null<CXXConstructorDecl>(F))
    return C->isCopyOrMoveConstructor();
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(F);
  return M && (M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator());
}

/// Whether \p Param of \p Call only lends its argument for the call: a
/// const reference, to a call that hands nothing back that could keep it
/// (`notify(listeners, error_)`, `a == error_`; not `std::cref(error_)`).
bool borrowedFor(const CallExpr *Call, const ParmVarDecl *Param) {
  QualType T = Param->getType(), R = Call->getType();
  return T->isLValueReferenceType() && T->getPointeeType().isConstQualified() &&
         (R->isVoidType() || R->isArithmeticType() || R->isEnumeralType());
}

/// Whether the call \p Call, made on the member, hands back a reference or
/// pointer (maybe to the member itself: `operator=` returns `*this`).
bool mayReturnItself(const Expr *Call) { return Call->isGLValue() || Call->getType()->isPointerType(); }

/// Whether the occurrence \p E of the member is let out: walked up through
/// what still names it (its parts, casts to a base, what its methods return
/// by reference) to where it is read, written, copied or bound. \p RootBinds
/// says whether the walk's root is itself bound by reference or pointer (a
/// constructor's initialiser of such a member); \p ReturnsReference whether
/// the function returns one.
bool letsOut(const Expr *E, const ParentMap &PM, bool RootBinds, bool ReturnsReference) {
  const Stmt *Child = E;
  while (true) {
    const Stmt *P = PM.getParent(Child);
    if (!P)
      return RootBinds;
    auto Up = [&] { Child = P; };
    if (isa<ParenExpr>(P) || isa<MaterializeTemporaryExpr>(P) || isa<CXXBindTemporaryExpr>(P) ||
        isa<ExprWithCleanups>(P)) {
      Up();
      continue;
    }
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P)) {
      CastKind K = Cast->getCastKind();
      if (K != CK_NoOp && K != CK_DerivedToBase && K != CK_UncheckedDerivedToBase)
        return false; // its value is read or converted
      Up();
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (isa<FieldDecl>(ME->getMemberDecl())) {
        Up(); // a part of it is still it
        continue;
      }
      // A method named on it: what the call returns decides.
      const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(PM.getParent(ME));
      if (!Call || Call->getCallee()->IgnoreParens() != ME)
        return true;
      if (!mayReturnItself(Call))
        return false;
      Child = Call;
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P);
        Op && Op->getNumArgs() > 0 && Op->getArg(0) == Child &&
        isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee())) {
      if (!mayReturnItself(Op))
        return false; // a member operator on it
      Up();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      if (Call->getCallee() == Child)
        return true;
      if (copiesOrMoves(Call->getDirectCallee()))
        return false;
      const ParmVarDecl *Param = parameterFor(Call, Child);
      return !Param || (refersToObject(Param->getType()) && !borrowedFor(Call, Param));
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(P)) {
      const CXXConstructorDecl *Ctor = Construct->getConstructor();
      if (!Ctor || Ctor->isCopyOrMoveConstructor())
        return !Ctor;
      for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
        if (Construct->getArg(I) == Child)
          return I >= Ctor->getNumParams() || refersToObject(Ctor->getParamDecl(I)->getType());
      return true;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(P)) {
      if (U->getOpcode() == UO_AddrOf)
        return true;
      if (U->getOpcode() != UO_Deref)
        return false; // ++, -, !: a value
      Up();
      continue;
    }
    if (const auto *B = dyn_cast<BinaryOperator>(P)) {
      if (B->getOpcode() == BO_Comma && B->getRHS() == Child) {
        Up();
        continue;
      }
      // Written, compared or computed with; a pointer it handed back stored.
      return B->isAssignmentOp() && B->getRHS() == Child && refersToObject(B->getType());
    }
    if (const auto *C = dyn_cast<ConditionalOperator>(P)) {
      if (C->getCond() == Child)
        return false;
      Up();
      continue;
    }
    if (isa<ReturnStmt>(P))
      return ReturnsReference;
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit() == Child)
          return refersToObject(V->getType());
      return true;
    }
    // Any other expression (an initialiser list, a range-for's range, a
    // lambda's capture) may bind it; a statement discards it.
    return isa<Expr>(P) || isa<CXXForRangeStmt>(P);
  }
}

/// The member expressions naming \p Member in \p S, not inside a lambda
/// (a lambda's body is a function of its own).
void occurrences(const Stmt *S, const FieldDecl *Member,
                 llvm::SmallVectorImpl<const MemberExpr *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *ME = dyn_cast<MemberExpr>(S); ME && ME->getMemberDecl() == Member)
    Out.push_back(ME);
  for (const Stmt *Child : S->children())
    occurrences(Child, Member, Out);
}

} // namespace

EnclosedMembers::EnclosedMembers(ConcurrencyModel &Model) : Model(Model) {}

bool EnclosedMembers::classFullyVisible(const CXXRecordDecl *Class) const {
  if (!Class || !Class->hasDefinition() || Class->isDependentContext() ||
      isa<ClassTemplateSpecializationDecl>(Class) || Class->getDescribedClassTemplate() ||
      Class->hasFriends())
    return false;
  bool AllDefined = true, ImplementedHere = false;
  for (const Decl *D : Class->decls()) {
    if (const auto *Nested = dyn_cast<CXXRecordDecl>(D);
        Nested && Nested->isThisDeclarationADefinition() && !Nested->isLambda() &&
        !classFullyVisible(Nested))
      return false;
    if (isa<FunctionTemplateDecl>(D))
      return false; // a member template: its instances may be elsewhere
    const auto *M = dyn_cast<CXXMethodDecl>(D);
    if (!M || M->isImplicit() || M->isDeleted() || M->isDefaulted() || M->isPureVirtual())
      continue;
    AllDefined = AllDefined && M->hasBody();
    ImplementedHere = ImplementedHere || definedOutOfLineHere(M);
  }
  // A method defined in neither place is taken to be in the class's
  // implementation file, as a private method's callers are (Locksets).
  return AllDefined || ImplementedHere;
}

bool EnclosedMembers::neverLeaves(const FieldDecl *Member) {
  if (!Member)
    return false;
  auto [Slot, Fresh] = Known.try_emplace(Member, false);
  if (!Fresh)
    return Slot->second;
  QualType T = Member->getType();
  const CXXRecordDecl *Class = dyn_cast<CXXRecordDecl>(Member->getParent());
  if (!T->isRecordType() || Member->getAccess() != AS_private || !classFullyVisible(Class))
    return false;
  // Where the class's code names it: its functions, its constructors'
  // initialisers and its members' default initialisers.
  auto LetOutFrom = [&](const Stmt *Root, bool RootBinds, bool ReturnsReference) {
    llvm::SmallVector<const MemberExpr *, 4> Found;
    occurrences(Root, Member, Found);
    if (Found.empty())
      return false;
    ParentMap PM(const_cast<Stmt *>(Root));
    return llvm::any_of(Found, [&](const MemberExpr *ME) {
      return letsOut(ME, PM, RootBinds, ReturnsReference);
    });
  };
  for (const FunctionDecl *F : Model.index().functions()) {
    if (!Class->Encloses(F))
      continue;
    bool ReturnsReference = refersToObject(F->getReturnType());
    if (LetOutFrom(F->getBody(), false, ReturnsReference))
      return false;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
      for (const CXXCtorInitializer *Init : Ctor->inits()) {
        // A base's or a delegated constructor's argument may be kept.
        const FieldDecl *Target = Init->getMember();
        if (Init->isWritten() &&
            LetOutFrom(Init->getInit(), !Target || refersToObject(Target->getType()), false))
          return false;
      }
  }
  for (const FieldDecl *Other : Class->fields())
    if (Other->hasInClassInitializer() &&
        LetOutFrom(Other->getInClassInitializer(), refersToObject(Other->getType()), false))
      return false;
  return Known[Member] = true;
}

} // namespace concur
