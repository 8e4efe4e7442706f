#include "InconsistentLockingCheck.h"

#include "../model/AtomicClaims.h"
#include "../model/OnceRegions.h"
#include "../model/QualifiedNames.h"
#include "../model/SharedAccesses.h"
#include "../model/ShutdownPhases.h"
#include "../model/SummaryExport.h"

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

/// One access to a field, as made by a call of an interface method.
struct InconsistentLockingCheck::Occurrence {
  const Access *A;
  const CXXMethodDecl *Root;
  /// The access's locks plus those every caller of Root holds.
  Lockset Held;
};

namespace {

bool isWrite(const Access &A) { return A.Kind != AccessKind::Read; }

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

/// Where the check reports \p A, and its facts say it is: at the access,
/// or, when the method lends its state to a callee through an argument
/// (`bump(x)`, `inc(count_)`), at that call in the method, where the lock
/// must be held (a note shows the access).
SourceLocation reportedAt(const Access &A) {
  if (A.Root.AtThis && A.Root.ThroughArgument && !A.Chain.empty())
    return A.Chain.front()->Loc;
  return A.Site->getExprLoc();
}

/// Whether \p A, made by a call of interface method \p M, touches the
/// state of M's object: a field of M's class (through `this` or another
/// object of the class, or what a reference parameter was bound to on a
/// path from `this`), or a field of another class on a path from `this`
/// (`x.p->w`, `bump(x)`: RacerD's `this->x.p->w`). Not fields of globals
/// or captured objects, nor of a parameter or local object of M.
bool stateOf(const Access &A, const CXXMethodDecl *M) {
  if (!A.Loc.Field || A.Loc.Var)
    return false;
  // Lent to a callee on a path from `this`: the callee's accesses
  // through the reference are counted instead.
  if (A.LentByReference && A.Root.AtThis)
    return false;
  if (isFieldOf(A.Loc.Field, M->getParent()))
    return !A.ParamObject || A.Root.AtThis;
  // A member object's own fields, changed by its own methods, are its
  // state: the member's class keeps its discipline.
  return A.Root.AtThis && !A.Root.ThroughMemberCall;
}

/// Whether \p Id is a lock the class itself synchronises with: a mutex
/// member of the class (or of a base), or a global or static mutex. A lock
/// passed in by the caller (a parameter, `LogAndApply(edit, mu)`, which
/// releases and retakes the mutex its caller holds) or a local is the
/// caller's synchronisation of this object, not the class's: the caller
/// may hold it around every other use too; unless a method locks it with
/// a guard of its own (guardsParameterLock).
bool ownedBy(LockId Id, const CXXRecordDecl *Class) {
  // A pointer or reference member names a mutex the object borrows (a
  // guard's), not one it owns.
  if (const auto *F = dyn_cast<FieldDecl>(Id.Decl))
    return isFieldOf(F, Class) && !F->getType()->isPointerType() &&
           !F->getType()->isReferenceType();
  const auto *V = dyn_cast<VarDecl>(Id.Decl);
  return V && !isa<ParmVarDecl>(V) && V->hasGlobalStorage();
}

/// Whether \p Root takes \p H, a mutex passed in, with a scoped guard of
/// its own. A guard on a mutex already held would deadlock (or, if
/// recursive, would not be needed): no caller holds this one around the
/// call, so the class takes the lock it is given, and its other methods
/// must hold that lock too.
bool guardsParameterLock(const HeldLock &H, const CXXMethodDecl *Root) {
  const auto *P = dyn_cast<ParmVarDecl>(H.Id.Decl);
  return P && H.Guard && P->getDeclContext() == Root && H.Guard->getDeclContext() == Root;
}

/// \p A's locks and the claims it runs behind (an atomic's first
/// transition, a queue's turn): two accesses behind one claim are kept
/// apart as by a lock, though a claim is never the field's lock.
Lockset withClaims(const Access &A) {
  Lockset Claimed;
  for (const ValueDecl *D : A.Claimed)
    Claimed.push_back(HeldLock{LockId{D}, LockMode::Exclusive, nullptr, nullptr, 1});
  return unionOf(A.Held, Claimed);
}

} // namespace

/// The facts the discipline of one field is decided on (see
/// rules/LockDiscipline.h), one per occurrence, in order.
report::FieldDiscipline InconsistentLockingCheck::factsOf(ConcurrencyModel &Model,
                                                          llvm::ArrayRef<Occurrence> Occurrences,
                                                          llvm::StringRef Field) const {
  report::FieldDiscipline Facts;
  Facts.Field = Field.str();
  Facts.ReportReads = ReportReads;
  llvm::MapVector<const ValueDecl *, std::string> Keys;
  // Mutexes passed in that a method guards itself, with its class.
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const CXXRecordDecl *, 1>> GuardedBy;
  for (const Occurrence &O : Occurrences)
    for (const HeldLock &H : O.Held) {
      if (!Keys.count(H.Id.Decl))
        Keys[H.Id.Decl] = summaryLockKey(Model, H.Id);
      if (guardsParameterLock(H, O.Root))
        GuardedBy[H.Id.Decl].push_back(O.Root->getParent());
    }
  llvm::DenseMap<const FunctionDecl *, std::string> Usrs;
  for (const Occurrence &O : Occurrences) {
    const Access &A = *O.A;
    report::FieldAccessFact F;
    auto [It, Fresh] = Usrs.try_emplace(O.Root);
    if (Fresh)
      It->second = summaryUsr(O.Root);
    F.Root = It->second.empty() ? displayName(O.Root) : It->second;
    F.Write = isWrite(A);
    F.Direct = A.Chain.empty();
    // A field of another class is counted only on a path from `this`.
    F.Reportable = !isFieldOf(A.Loc.Field, O.Root->getParent()) || !throughOtherObject(A);
    for (const HeldLock &H : O.Held)
      F.Held.push_back({Keys[H.Id.Decl], H.Mode == LockMode::Exclusive});
    for (const auto &[Decl, Key] : Keys)
      if (!isClaim(LockId{Decl}) &&
          (ownedBy(LockId{Decl}, O.Root->getParent()) ||
           llvm::any_of(GuardedBy[Decl], [&](const CXXRecordDecl *C) {
             return O.Root->getParent() == C || O.Root->getParent()->isDerivedFrom(C);
           })))
        F.Owned.push_back(Key);
    for (const ModeFact &M : A.Modes)
      F.Modes.push_back(M.Member + (M.Truthy ? "=1" : "=0"));
    summaryLocation(Model, reportedAt(A), F.File, F.Line, F.Column);
    Facts.Accesses.push_back(std::move(F));
  }
  return Facts;
}

void InconsistentLockingCheck::analyze(ConcurrencyModel &Model) {
  SharedAccesses &SA = Model.analysis<SharedAccesses>();
  OnceRegions &Once = Model.analysis<OnceRegions>();
  ShutdownPhases &Shutdown = Model.analysis<ShutdownPhases>();
  // After a method has joined its object's own threads (ShutdownPhases.h).
  auto InShutdown = [&](const Access &A, const CXXMethodDecl *M) {
    return Shutdown.afterOwnThreadsJoined(M, A.Chain.empty() ? A.Site : A.Chain.front()->Call);
  };

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

  // By field; a field of another class reached from `this` (`x.p->w`) by
  // field and interface class: two classes that lock reach a plain struct
  // each through their own members.
  llvm::MapVector<std::pair<const FieldDecl *, const CXXRecordDecl *>, std::vector<Occurrence>>
      ByField;
  for (const FunctionDecl *F : Model.index().functions()) {
    const auto *M = dyn_cast<CXXMethodDecl>(F);
    if (!M || !IsInterface(M))
      continue;
    Lockset ByCallers = SA.locksets().heldByEveryCaller(M);
    for (const Access &A : SA.of(M).All)
      // Not what a one-time initialisation does (as in a constructor, the
      // object is still being set up), nor what a method does once it has
      // stopped the object's threads (as in a destructor).
      if (stateOf(A, M) && !Once.initialises(A, M) && !InShutdown(A, M) &&
          !LockCatalog::skipsLockAnalysis(M) &&
          !LockCatalog::skipsLockAnalysis(A.In)) {
        const CXXRecordDecl *Class = isFieldOf(A.Loc.Field, M->getParent())
                                         ? nullptr
                                         : M->getParent()->getCanonicalDecl();
        ByField[{A.Loc.Field, Class}].push_back({&A, M, unionOf(withClaims(A), ByCallers)});
      }
  }

  for (auto &[Key, Occurrences] : ByField) {
    if (llvm::none_of(Occurrences, [](const Occurrence &O) { return isWrite(*O.A); }))
      continue;
    report::FieldDiscipline Facts = factsOf(Model, Occurrences, Occurrences.front().A->Loc.name());
    std::optional<rules::DisciplineVerdict> Verdict = rules::decideLockDiscipline(Facts);
    if (!Verdict || Verdict->Breaches.empty())
      continue;
    report(Facts, *Verdict, Occurrences);
    // The join decides again, knowing which locks the callers in other
    // files hold.
    Model.analysis<JoinFacts>().FieldDisciplines.push_back(std::move(Facts));
  }
}

void InconsistentLockingCheck::report(const report::FieldDiscipline &Facts,
                                      const rules::DisciplineVerdict &V,
                                      llvm::ArrayRef<Occurrence> Occurrences) {
  for (const rules::DisciplineVerdict::Breach &B : V.Breaches) {
    // The discipline in the access's mode of the object; the facts list
    // each occurrence's locks in its own order.
    const Occurrence &LockedExample = Occurrences[B.Example];
    const std::vector<report::HeldKey> &ExampleKeys = Facts.Accesses[B.Example].Held;
    LockId Lock;
    for (size_t I = 0; I < ExampleKeys.size() && !Lock; ++I)
      if (ExampleKeys[I].Key == B.Lock)
        Lock = LockedExample.Held[I].Id;
    const Occurrence &O = Occurrences[B.Access];
    const Access &A = *O.A;
    std::string FieldName = A.Loc.name();
    diag(reportedAt(A),
         "'%0' is %1 %2 '%3' held in '%4', but it is written with '%3' held at %5 of "
         "%6 sites; a class that locks is shared between threads, so this is a data "
         "race: hold '%3'%7 here too, or make the field std::atomic")
        << FieldName << (A.Kind == AccessKind::Read ? "read" : "written")
        << (B.SharedOnly ? "with only a shared lock on" : "without") << Lock.name()
        << displayName(O.Root) << B.LockedWrites << B.Writes
        << (B.SharedOnly ? " exclusively" : "");
    notePath(O.Root, A.Chain);
    if (reportedAt(A) != A.Site->getExprLoc())
      diag(A.Site->getExprLoc(), "'%0' is %1 here, in '%2', through the argument passed",
           DiagnosticIDs::Note)
          << FieldName << (A.Kind == AccessKind::Read ? "read" : "written")
          << displayName(A.In);
    const Access &L = *LockedExample.A;
    if (L.Chain.empty())
      diag(L.Site->getExprLoc(), "'%0' is written with '%1' held here, in '%2'",
           DiagnosticIDs::Note)
          << FieldName << Lock.name() << displayName(LockedExample.Root);
    else
      diag(L.Chain.front()->Loc, "'%0' is written with '%1' held through this call, in '%2'",
           DiagnosticIDs::Note)
          << FieldName << Lock.name() << displayName(LockedExample.Root);
    if (const HeldLock *H = findLock(LockedExample.Held, Lock); H && H->AcquiredAt)
      diag(H->AcquiredAt->getBeginLoc(), "'%0' is acquired here", DiagnosticIDs::Note)
          << Lock.name();
  }
}

} // namespace concur
