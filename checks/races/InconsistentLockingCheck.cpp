#include "InconsistentLockingCheck.h"

#include "../model/QualifiedNames.h"
#include "../model/SharedAccesses.h"

#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/MapVector.h"

using namespace clang;

namespace concur {

InconsistentLockingCheck::InconsistentLockingCheck(llvm::StringRef Name,
                                                   clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context), ReportReads(Options.get("ReportReads", true)),
      IncludeProtected(Options.get("IncludeProtected", false)) {}

void InconsistentLockingCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "ReportReads", ReportReads);
  Options.store(Opts, "IncludeProtected", IncludeProtected);
}

namespace {

/// One access to a field, as made by a call of an interface method.
struct Occurrence {
  const Access *A;
  const CXXMethodDecl *Root;
  /// The access's locks plus those every caller of Root holds.
  Lockset Held;
};

bool isWrite(const Access &A) { return A.Kind != AccessKind::Read; }

/// Whether \p A is made with \p L held well enough: any mode for a read,
/// exclusively for a write.
bool guardedBy(const Occurrence &O, LockId L) {
  const HeldLock *H = findLock(O.Held, L);
  return H && (!isWrite(*O.A) || H->Mode == LockMode::Exclusive);
}

/// Whether the method reaches the field through another object of its
/// class (`other.f`, `pOther->f`): that object's discipline needs *its*
/// mutex, which holding this object's would not give, so the advice "hold
/// the lock here" does not apply; the check is about the object's own use.
bool throughOtherObject(const Access &A) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(A.Site ? A.Site->IgnoreParenImpCasts() : nullptr);
  return ME && A.Chain.empty() && !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
}

bool isFieldOf(const FieldDecl *F, const CXXRecordDecl *Class) {
  const auto *Owner = dyn_cast<CXXRecordDecl>(F->getParent());
  if (!Owner || !Class->hasDefinition())
    return false;
  return Owner->getCanonicalDecl() == Class->getCanonicalDecl() ||
         Class->isDerivedFrom(Owner);
}

/// Whether \p Id is a lock the class itself synchronises with: a mutex
/// member of the class (or of a base), or a global or static mutex. A lock
/// passed in by the caller (a parameter, `LogAndApply(edit, mu)`) or a
/// local is the caller's synchronisation of this object, not the class's:
/// the caller may hold it around every other use too.
bool ownedBy(LockId Id, const CXXRecordDecl *Class) {
  // A pointer or reference member names a mutex the object borrows (a
  // guard's), not one it owns.
  if (const auto *F = dyn_cast<FieldDecl>(Id.Decl))
    return isFieldOf(F, Class) && !F->getType()->isPointerType() &&
           !F->getType()->isReferenceType();
  const auto *V = dyn_cast<VarDecl>(Id.Decl);
  return V && !isa<ParmVarDecl>(V) && V->hasGlobalStorage();
}

} // namespace

void InconsistentLockingCheck::analyze(ConcurrencyModel &Model) {
  SharedAccesses &SA = Model.analysis<SharedAccesses>();

  // The interface methods: what other threads call. Construction,
  // destruction and assignment see an object no other thread holds yet.
  auto IsInterface = [&](const CXXMethodDecl *M) {
    if (M->isStatic() || M->isImplicit() || M->isDefaulted() || isa<CXXConstructorDecl>(M) ||
        isa<CXXDestructorDecl>(M) || M->isCopyAssignmentOperator() ||
        M->isMoveAssignmentOperator() || M->getParent()->isLambda())
      return false;
    AccessSpecifier AS = M->getAccess();
    return AS == AS_public || (IncludeProtected && AS == AS_protected);
  };

  llvm::MapVector<const FieldDecl *, std::vector<Occurrence>> ByField;
  for (const FunctionDecl *F : Model.index().functions()) {
    const auto *M = dyn_cast<CXXMethodDecl>(F);
    if (!M || !IsInterface(M))
      continue;
    Lockset ByCallers = SA.locksets().heldByEveryCaller(M);
    for (const Access &A : SA.of(M).All)
      // Fields of this object's class (through `this` or another object of
      // it), not fields of globals or captured objects.
      if (A.Loc.Field && !A.Loc.Var && isFieldOf(A.Loc.Field, M->getParent()))
        ByField[A.Loc.Field].push_back({&A, M, unionOf(A.Held, ByCallers)});
  }

  for (auto &[Field, Occurrences] : ByField) {
    // The lock the class uses for this field: the one held exclusively at
    // the most writes.
    llvm::MapVector<const ValueDecl *, unsigned> WritesUnder;
    unsigned Writes = 0;
    for (const Occurrence &O : Occurrences) {
      if (!isWrite(*O.A))
        continue;
      ++Writes;
      for (const HeldLock &H : O.Held)
        if (H.Mode == LockMode::Exclusive && ownedBy(H.Id, O.Root->getParent()))
          ++WritesUnder[H.Id.Decl];
    }
    LockId Lock;
    unsigned LockedWrites = 0;
    for (const auto &[Decl, Count] : WritesUnder)
      if (Count > LockedWrites)
        Lock.Decl = Decl, LockedWrites = Count;
    if (!Lock)
      continue;
    // The note's example: a direct locked write if there is one.
    const Occurrence *LockedExample = nullptr;
    for (const Occurrence &O : Occurrences)
      if (isWrite(*O.A) && guardedBy(O, Lock) &&
          (!LockedExample || (!LockedExample->A->Chain.empty() && O.A->Chain.empty())))
        LockedExample = &O;

    llvm::DenseSet<const Expr *> Reported;
    for (const Occurrence &O : Occurrences) {
      const Access &A = *O.A;
      // A method of a class that cannot name the lock (a base class's
      // push_front() that a derived class calls under its own mutex) leaves
      // the locking to its caller: the discipline is the lock owner's.
      if (guardedBy(O, Lock) || (!isWrite(A) && !ReportReads) ||
          !ownedBy(Lock, O.Root->getParent()) || throughOtherObject(A) ||
          !Reported.insert(A.Site).second)
        continue;
      const HeldLock *SharedOnly = findLock(O.Held, Lock);
      std::string FieldName = A.Loc.name();
      diag(A.Site->getExprLoc(),
           "'%0' is %1 %2 '%3' held in '%4', but it is written with '%3' held at %5 of "
           "%6 sites; a class that locks is shared between threads, so this is a data "
           "race: hold '%3'%7 here too, or make the field std::atomic")
          << FieldName << (A.Kind == AccessKind::Read ? "read" : "written")
          << (SharedOnly ? "with only a shared lock on" : "without") << Lock.name()
          << displayName(O.Root) << LockedWrites << Writes
          << (SharedOnly ? " exclusively" : "");
      notePath(O.Root, A.Chain);
      const Access &L = *LockedExample->A;
      if (L.Chain.empty())
        diag(L.Site->getExprLoc(), "'%0' is written with '%1' held here, in '%2'",
             DiagnosticIDs::Note)
            << FieldName << Lock.name() << displayName(LockedExample->Root);
      else
        diag(L.Chain.front()->Loc, "'%0' is written with '%1' held through this call, in '%2'",
             DiagnosticIDs::Note)
            << FieldName << Lock.name() << displayName(LockedExample->Root);
      if (const HeldLock *H = findLock(LockedExample->Held, Lock); H && H->AcquiredAt)
        diag(H->AcquiredAt->getBeginLoc(), "'%0' is acquired here", DiagnosticIDs::Note)
            << Lock.name();
    }
  }
}

} // namespace concur
