#include "PointerStores.h"

#include "ExprWrappers.h"
#include "LockCatalog.h"
#include "Locksets.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {
namespace {

bool isPointerOrReference(QualType T) { return T->isPointerType() || T->isReferenceType(); }

/// Whether the pointer field \p F points to the type of one of its own
/// class's member objects.
bool selectsMemberObject(const FieldDecl *F) {
  QualType Pointee = F->getType()->getPointeeType();
  if (!Pointee->isRecordType())
    return false;
  const ASTContext &Ctx = F->getASTContext();
  return llvm::any_of(F->getParent()->fields(), [&](const FieldDecl *Other) {
    return Other != F && Ctx.hasSameUnqualifiedType(Other->getType(), Pointee);
  });
}

/// `&member` of `this`, a choice of such, or null.
bool ownMemberAddress(const Expr *E, const PointerStores &Stores) {
  E = E->IgnoreParenImpCasts();
  if (Stores.isNull(E))
    return true;
  if (const auto *C = dyn_cast<ConditionalOperator>(E))
    return ownMemberAddress(C->getTrueExpr(), Stores) &&
           ownMemberAddress(C->getFalseExpr(), Stores);
  const auto *Addr = dyn_cast<UnaryOperator>(E);
  if (!Addr || Addr->getOpcode() != UO_AddrOf)
    return false;
  const auto *ME = dyn_cast<MemberExpr>(Addr->getSubExpr()->IgnoreParenImpCasts());
  return ME && isa<FieldDecl>(ME->getMemberDecl()) &&
         isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
}

/// Whether every copy or move of a \p RD is written by hand or deleted:
/// none copies a pointer member from another object as it is.
bool copiesOnlyByHand(const CXXRecordDecl *RD) {
  if ((RD->needsImplicitCopyConstructor() && !RD->defaultedCopyConstructorIsDeleted()) ||
      (RD->needsImplicitMoveConstructor() && !RD->defaultedMoveConstructorIsDeleted()) ||
      RD->needsImplicitCopyAssignment() || RD->needsImplicitMoveAssignment())
    return false;
  for (const CXXMethodDecl *M : RD->methods()) {
    bool Copies = M->isCopyAssignmentOperator() || M->isMoveAssignmentOperator();
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(M))
      Copies = Ctor->isCopyOrMoveConstructor();
    if (Copies && !M->isDeleted() && !M->isUserProvided())
      return false;
  }
  return true;
}

/// `Mutex *&out`: a parameter through which a callee can repoint the
/// caller's pointer.
bool repointsArgument(QualType ParamType) {
  if (!ParamType->isLValueReferenceType())
    return false;
  QualType Referred = ParamType->getPointeeType();
  return Referred->isPointerType() && !Referred.isConstQualified();
}

} // namespace

PointerStores::PointerStores(ConcurrencyModel &Model) : Model(Model) {}

const LockCatalog &PointerStores::catalog() {
  // Asked lazily: Locksets itself builds on this walk (LockBindings).
  if (!Catalog)
    Catalog = &Model.analysis<Locksets>().catalog();
  return *Catalog;
}

const Expr *PointerStores::stripValue(const Expr *E) {
  for (E = ignoreValueWrappers(E); E; E = ignoreValueWrappers(E)) {
    if (const auto *Arg = dyn_cast<CXXDefaultArgExpr>(E))
      E = Arg->getExpr();
    else if (const auto *Init = dyn_cast<CXXDefaultInitExpr>(E))
      E = Init->getExpr();
    else
      return E;
  }
  return E;
}

bool PointerStores::isNull(const Expr *Value) const {
  return stripValue(Value)->isNullPointerConstant(Model.astContext(),
                                                  Expr::NPC_ValueDependentIsNotNull);
}

bool PointerStores::isTracked(const ValueDecl *D) {
  if (!D || !(isa<FieldDecl>(D) || (isa<VarDecl>(D) && !isa<ParmVarDecl>(D))))
    return false;
  QualType T = D->getType();
  if (T.isNull() || T->isDependentType() || !isPointerOrReference(T))
    return false;
  QualType Pointee = T->getPointeeType();
  if (Pointee.isNull() || Pointee->isDependentType())
    return false;
  if (T->isPointerType() && Pointee->isFunctionType())
    return true;
  if (const auto *Field = dyn_cast<FieldDecl>(D); Field && T->isPointerType() &&
                                                  selectsMemberObject(Field))
    return true;
  if (!catalog().isSynchronizing(Pointee))
    return false;
  // A guard's (or an unlocker's) mutex member is each object's own
  // association, which Locksets follows per guard variable: not one mutex.
  if (const auto *Field = dyn_cast<FieldDecl>(D))
    return !catalog().isScopedLockType(Model.astContext().getCanonicalTagType(Field->getParent()));
  return true;
}

const ValueDecl *PointerStores::trackedTarget(const Expr *E) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  const ValueDecl *D = nullptr;
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    D = DRE->getDecl();
  else if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
    D = ME->getMemberDecl();
  return isTracked(D) ? D : nullptr;
}

ArrayRef<const Expr *> PointerStores::storesInto(const ValueDecl *D) {
  scanOnce();
  auto [It, Fresh] = Answers.try_emplace(D);
  if (Fresh) {
    if (auto S = Sources.find(D); S != Sources.end())
      It->second.append(S->second.begin(), S->second.end());
    if (const auto *Field = dyn_cast<FieldDecl>(D); Field && Field->hasInClassInitializer())
      It->second.push_back(Field->getInClassInitializer());
  }
  return It->second;
}

bool PointerStores::pointsIntoOwnObject(const FieldDecl *F) {
  auto [It, Fresh] = IntoOwnObject.try_emplace(F, false);
  if (!Fresh || !isTracked(F) || !selectsMemberObject(F) || escaped(F))
    return It->second;
  const auto *RD = dyn_cast<CXXRecordDecl>(F->getParent());
  ArrayRef<const Expr *> Stores = storesInto(F);
  It->second = RD && !Stores.empty() && copiesOnlyByHand(RD) &&
               llvm::all_of(Stores, [&](const Expr *V) { return ownMemberAddress(V, *this); });
  return It->second;
}

bool PointerStores::escaped(const ValueDecl *D) {
  scanOnce();
  return Escaped.contains(D);
}

ArrayRef<const CXXConstructExpr *> PointerStores::constructionsOf(const CXXConstructorDecl *Ctor) {
  scanOnce();
  auto It = Constructions.find(Ctor->getCanonicalDecl());
  if (It == Constructions.end())
    return {};
  return It->second;
}

void PointerStores::scanOnce() {
  // Only a TU whose model asks pays for the walk.
  if (Scanned)
    return;
  Scanned = true;
  scanGlobals(Model.astContext().getTranslationUnitDecl());
  for (const FunctionDecl *F : Model.index().functions())
    scanFunction(F);
}

void PointerStores::scanGlobals(const DeclContext *DC) {
  const SourceManager &SM = Model.astContext().getSourceManager();
  for (const Decl *D : DC->decls()) {
    if (D->getLocation().isValid() && SM.isInSystemHeader(D->getLocation()))
      continue;
    if (const auto *NS = dyn_cast<NamespaceDecl>(D))
      scanGlobals(NS);
    else if (const auto *LS = dyn_cast<LinkageSpecDecl>(D))
      scanGlobals(LS);
    else if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit()) {
      if (isTracked(V))
        Sources[V].push_back(V->getInit());
      scan(V->getInit());
    }
  }
}

void PointerStores::scanFunction(const FunctionDecl *F) {
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
    for (const CXXCtorInitializer *Init : Ctor->inits()) {
      if (!Init->getInit())
        continue;
      if (const FieldDecl *Field = Init->getMember(); Field && Init->isWritten() && isTracked(Field))
        Sources[Field].push_back(Init->getInit());
      scan(Init->getInit());
    }
  scan(F->getBody());
}

void PointerStores::scan(const Stmt *Root) {
  // A worklist, not recursion: a long chain of `a + b + ...` nests deeply.
  llvm::SmallVector<const Stmt *, 64> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    scanNode(S);
    llvm::append_range(Work, S->children());
  }
}

void PointerStores::scanNode(const Stmt *S) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit() && isTracked(V))
        Sources[V].push_back(V->getInit());
  } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (const ValueDecl *D = trackedTarget(BO->getLHS())) {
      if (BO->getOpcode() == BO_Assign)
        Sources[D].push_back(BO->getRHS());
      else if (BO->isCompoundAssignmentOp()) // pointer arithmetic: `p += 1`
        Escaped.insert(D);
    }
  } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (const ValueDecl *D = trackedTarget(UO->getSubExpr()))
      if (UO->getOpcode() == UO_AddrOf || UO->isIncrementDecrementOp())
        Escaped.insert(D);
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    if (const CXXConstructorDecl *Ctor = CE->getConstructor())
      Constructions[Ctor->getCanonicalDecl()].push_back(CE);
    scanCall(CE, CE->getConstructor());
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    scanCall(Call, Call->getDirectCallee());
  } else if (const auto *ILE = dyn_cast<InitListExpr>(S)) {
    scanInitList(ILE);
  }
}

void PointerStores::scanCall(const Expr *Call, const FunctionDecl *Callee) {
  if (!Callee) // through a function pointer: its parameters are unknown
    return;
  for (const ParmVarDecl *P : Callee->parameters())
    if (repointsArgument(P->getType()))
      if (const ValueDecl *D = trackedTarget(argumentFor(Call, P)))
        Escaped.insert(D);
}

void PointerStores::scanInitList(const InitListExpr *ILE) {
  if (!ILE->isSemanticForm() && ILE->getSemanticForm())
    ILE = ILE->getSemanticForm();
  const RecordDecl *RD = ILE->getType().isNull() ? nullptr : ILE->getType()->getAsRecordDecl();
  if (!RD || RD->isUnion())
    return;
  unsigned Index = 0;
  if (const auto *CXX = dyn_cast<CXXRecordDecl>(RD); CXX && CXX->hasDefinition())
    Index = CXX->getNumBases();
  for (const FieldDecl *Field : RD->fields()) {
    if (Field->isUnnamedBitField())
      continue;
    if (Index >= ILE->getNumInits())
      break;
    if (isTracked(Field))
      Sources[Field].push_back(ILE->getInit(Index));
    ++Index;
  }
}

} // namespace concur
