#include "LockBindings.h"

#include "ExprWrappers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {
namespace {

/// Deeper chains of pointers copied from pointers are not followed.
constexpr unsigned MaxDepth = 6;

/// \p E without value wrappers and the default arguments and member
/// initialisers a construction fills in.
const Expr *stripValue(const Expr *E) {
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

bool isPointerOrReference(QualType T) { return T->isPointerType() || T->isReferenceType(); }

/// `Mutex *&out`: a parameter through which a callee can repoint the
/// caller's pointer.
bool repointsArgument(QualType ParamType) {
  if (!ParamType->isLValueReferenceType())
    return false;
  QualType Referred = ParamType->getPointeeType();
  return Referred->isPointerType() && !Referred.isConstQualified();
}

} // namespace

LockBindings::LockBindings(ASTContext &Ctx, const LockCatalog &Catalog,
                           llvm::ArrayRef<const FunctionDecl *> Functions)
    : Ctx(Ctx), Catalog(Catalog), Functions(Functions) {}

void LockBindings::scanOnce() {
  // Only a TU that locks through a pointer or reference pays for the walk.
  if (Scanned)
    return;
  Scanned = true;
  scanGlobals(Ctx.getTranslationUnitDecl());
  for (const FunctionDecl *F : Functions)
    scanFunction(F);
}

void LockBindings::scanGlobals(const DeclContext *DC) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Decl *D : DC->decls()) {
    if (D->getLocation().isValid() && SM.isInSystemHeader(D->getLocation()))
      continue;
    if (const auto *NS = dyn_cast<NamespaceDecl>(D))
      scanGlobals(NS);
    else if (const auto *LS = dyn_cast<LinkageSpecDecl>(D))
      scanGlobals(LS);
    else if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit()) {
      if (isTracked(V))
        addSource(V, V->getInit());
      scan(V->getInit());
    }
  }
}

void LockBindings::scanFunction(const FunctionDecl *F) {
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
    for (const CXXCtorInitializer *Init : Ctor->inits()) {
      if (!Init->getInit())
        continue;
      if (const FieldDecl *Field = Init->getMember(); Field && Init->isWritten() && isTracked(Field))
        addSource(Field, Init->getInit());
      scan(Init->getInit());
    }
  scan(F->getBody());
}

bool LockBindings::isTracked(const ValueDecl *D) const {
  if (!D || !(isa<FieldDecl>(D) || (isa<VarDecl>(D) && !isa<ParmVarDecl>(D))))
    return false;
  QualType T = D->getType();
  if (T.isNull() || T->isDependentType() || !isPointerOrReference(T))
    return false;
  QualType Pointee = T->getPointeeType();
  if (Pointee.isNull() || Pointee->isDependentType() || !Catalog.isSynchronizing(Pointee))
    return false;
  // A guard's (or an unlocker's) mutex member is each object's own
  // association, which Locksets follows per guard variable: not one mutex.
  if (const auto *Field = dyn_cast<FieldDecl>(D))
    return !Catalog.isScopedLockType(Ctx.getCanonicalTagType(Field->getParent()));
  return true;
}

const ValueDecl *LockBindings::trackedTarget(const Expr *E) const {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  const ValueDecl *D = nullptr;
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    D = DRE->getDecl();
  else if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
    D = ME->getMemberDecl();
  return isTracked(D) ? D : nullptr;
}

void LockBindings::addSource(const ValueDecl *D, const Expr *Value) {
  Sources[D].push_back(Value);
}

void LockBindings::scan(const Stmt *Root) {
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

void LockBindings::scanNode(const Stmt *S) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit() && isTracked(V))
        addSource(V, V->getInit());
  } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (const ValueDecl *D = trackedTarget(BO->getLHS())) {
      if (BO->getOpcode() == BO_Assign)
        addSource(D, BO->getRHS());
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

void LockBindings::scanCall(const Expr *Call, const FunctionDecl *Callee) {
  if (!Callee) // through a function pointer: its parameters are unknown
    return;
  for (const ParmVarDecl *P : Callee->parameters())
    if (repointsArgument(P->getType()))
      if (const ValueDecl *D = trackedTarget(argumentFor(Call, P)))
        Escaped.insert(D);
}

void LockBindings::scanInitList(const InitListExpr *ILE) {
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
      addSource(Field, ILE->getInit(Index));
    ++Index;
  }
}

bool LockBindings::isNull(const Expr *Value) const {
  return stripValue(Value)->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull);
}

LockId LockBindings::valueOf(const Expr *Value, unsigned Depth) {
  LockId Id = LockCatalog::objectIdOf(stripValue(Value));
  const ValueDecl *D = Id.Decl;
  if (!D)
    return LockId{};
  if (isTracked(D))
    return bindingOf(D, Depth + 1);
  if (const auto *P = dyn_cast<ParmVarDecl>(D)) {
    // A member initialiser that copies a constructor parameter holds what
    // every construction passes.
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(P->getDeclContext());
    if (!Ctor || Depth >= MaxDepth)
      return LockId{};
    auto It = Constructions.find(Ctor->getCanonicalDecl());
    if (It == Constructions.end())
      return LockId{};
    LockId Agreed;
    for (const CXXConstructExpr *CE : It->second) {
      const Expr *Arg = argumentFor(CE, P);
      if (Arg && isNull(Arg))
        continue;
      LockId Passed = Arg ? valueOf(Arg, Depth + 1) : LockId{};
      if (!Passed || (Agreed && Agreed != Passed))
        return LockId{};
      Agreed = Passed;
    }
    return Agreed;
  }
  // A mutex object itself (a variable, a field, an array of them).
  return isPointerOrReference(D->getType()) ? LockId{} : Id;
}

LockId LockBindings::bindingOf(const ValueDecl *D, unsigned Depth) {
  if (auto It = Memo.find(D); It != Memo.end())
    return It->second;
  if (Depth >= MaxDepth || Escaped.contains(D))
    return LockId{};
  Memo[D] = LockId{}; // a pointer copied from itself binds to nothing
  llvm::SmallVector<const Expr *, 4> Values;
  if (auto It = Sources.find(D); It != Sources.end())
    Values.append(It->second.begin(), It->second.end());
  if (const auto *Field = dyn_cast<FieldDecl>(D); Field && Field->hasInClassInitializer())
    Values.push_back(Field->getInClassInitializer());
  LockId Agreed;
  for (const Expr *V : Values) {
    if (!V || isNull(V))
      continue;
    LockId Stored = valueOf(V, Depth);
    if (!Stored || (Agreed && Agreed != Stored)) {
      Agreed = LockId{};
      break;
    }
    Agreed = Stored;
  }
  Memo[D] = Agreed;
  return Agreed;
}

LockId LockBindings::resolve(LockId Id) {
  if (!Id || !isTracked(Id.Decl))
    return Id;
  scanOnce();
  LockId Bound = bindingOf(Id.Decl, 0);
  return Bound ? Bound : Id;
}

} // namespace concur
