#include "LockAcquisitions.h"
#include "AtomicClaims.h"
#include "LockShapes.h"

#include "ExprWrappers.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace concur {
namespace {

// Chains longer than this are not followed (as CallGraph::findPaths).
constexpr size_t MaxChain = 8;

bool isBlockingAcquire(LockOperation::Kind K) {
  return K == LockOperation::Acquire || K == LockOperation::GuardLock ||
         K == LockOperation::GuardRelock;
}

const VarDecl *varOf(const Expr *E) {
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(ignoreValueWrappers(E)))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

/// Where a mutex expression's object lives: a variable, `this` of the
/// function the chain starts in, or unknown.
struct ObjectRoot {
  enum Kind { Unknown, Var, RootThis } K = Unknown;
  const ValueDecl *Decl = nullptr;
  llvm::SmallVector<const ValueDecl *, 2> Fields; ///< member path from the root
  bool operator==(const ObjectRoot &O) const {
    return K != Unknown && K == O.K && Decl == O.Decl && Fields == O.Fields;
  }
};

ObjectRoot rootOf(const Expr *MutexExpr, const CallPath &Chain) {
  ObjectRoot R;
  const Expr *E = ignoreValueWrappers(MutexExpr);
  size_t Hop = Chain.size();
  while (E) {
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)) {
      E = ignoreValueWrappers(U->getSubExpr());
      continue;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      R.K = ObjectRoot::Var;
      R.Decl = DRE->getDecl();
      return R;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      R.Fields.insert(R.Fields.begin(), ME->getMemberDecl());
      E = ignoreValueWrappers(ME->getBase());
      continue;
    }
    if (isa<CXXThisExpr>(E)) {
      // `this` of the function the last remaining hop calls: the object of
      // that member call, in the caller.
      if (Hop == 0) {
        R.K = ObjectRoot::RootThis;
        return R;
      }
      const auto *MC = dyn_cast<CXXMemberCallExpr>(Chain[--Hop]->Call);
      if (!MC)
        return ObjectRoot{};
      E = ignoreValueWrappers(MC->getImplicitObjectArgument());
      continue;
    }
    // Array elements, calls returning references, ...: unknown.
    return ObjectRoot{};
  }
  return R;
}

} // namespace

bool nobodyWaitsFor(LockId Id) {
  if (!Id)
    return false;
  if (isClaim(Id))
    return true;
  QualType T = Id.Decl->getType().getNonReferenceType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl()) {
    if (isNullMutex(RD))
      return true;
    for (const CXXRecordDecl *C = RD; C;) {
      if (const auto *A = C->getAttr<CapabilityAttr>())
        return A->getName().equals_insensitive("semaphore");
      C = C->getNumBases() ? C->bases_begin()->getType()->getAsCXXRecordDecl() : nullptr;
    }
  }
  return llvm::StringRef(T.getAsString()).contains("semaphore") ||
         llvm::StringRef(T.getAsString()).contains("sem_t");
}

bool sameMutexObject(const LockCatalog &Catalog, const Expr *A, const CallPath &ChainA, const Expr *B, const CallPath &ChainB) {
  if (!A || !B)
    return false;
  LockId IdA = Catalog.lockIdOf(A);
  // A mutex named by a variable is one object (globals, statics, locals,
  // and a parameter is already the caller's argument); array elements are
  // told apart by their index, which is not known here.
  if (IdA && !isa<FieldDecl>(IdA.Decl)) {
    auto NoSubscript = [](const Expr *E) {
      return !isa<ArraySubscriptExpr>(ignoreValueWrappers(E)) &&
             !isa<ArraySubscriptExpr>(ignoreValueWrappers(E)->IgnoreImplicit());
    };
    return NoSubscript(A) && NoSubscript(B);
  }
  return rootOf(A, ChainA) == rootOf(B, ChainB);
}

LockAcquisitions::LockAcquisitions(ConcurrencyModel &Model)
    : Model(Model), Locks(Model.analysis<Locksets>()) {}

llvm::SmallVector<const Expr *, 2> LockAcquisitions::guardMutexes(const VarDecl *Guard) const {
  if (!Guard || !Guard->getInit())
    return {};
  const Expr *Init = ignoreCopiesAndMoves(Guard->getInit());
  if (std::optional<LockOperation> Op = Locks.catalog().classify(Init))
    if (Op->Op == LockOperation::GuardLock || Op->Op == LockOperation::GuardDeferred ||
        Op->Op == LockOperation::GuardTry || Op->Op == LockOperation::GuardAdopt)
      return Op->Mutexes;
  return {};
}

const FunctionAcquisitions &LockAcquisitions::of(const FunctionDecl *F) {
  static const FunctionAcquisitions Empty;
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || InProgress.contains(Def))
    return Empty;
  if (auto It = Facts.find(Def); It != Facts.end())
    return *It->second;
  InProgress.insert(Def);
  auto Fresh = std::make_unique<FunctionAcquisitions>();
  compute(Def, *Fresh);
  InProgress.erase(Def);
  return *(Facts[Def] = std::move(Fresh));
}

std::optional<LockAcquisition> LockAcquisitions::originOf(const FunctionDecl *F,
                                                          const HeldLock &H) {
  if (!H.AcquiredAt)
    return std::nullopt;
  for (const DirectAcquisition &D : of(F).Direct)
    if (D.What.Site == H.AcquiredAt && D.What.Id == H.Id)
      return D.What;
  for (const CallSite &Site : Model.callGraph().callsIn(F)) {
    if (Site.Call != H.AcquiredAt || !Site.Callee)
      continue;
    for (const LockAcquisition &Inner : of(Site.Callee).Reached)
      if (lockInCaller(Locks.catalog(), Inner.Id, Site.Call) == H.Id) {
        LockAcquisition A = Inner;
        A.Id = H.Id;
        A.Chain.insert(A.Chain.begin(), &Site);
        return A;
      }
  }
  return std::nullopt;
}

void LockAcquisitions::compute(const FunctionDecl *Def, FunctionAcquisitions &Out) {
  AnalysisStats::Timer Time(AnalysisStats::Section::Analysis, "LockAcquisitions");
  const CFG *G = Model.cfg(Def);
  if (!G)
    return;
  const FunctionLocks &Held = Locks.of(Def);
  const SourceManager &SM = Model.astContext().getSourceManager();

  // Direct acquisitions, in source order.
  for (const CFGBlock *B : *G)
    for (const CFGElement &E : *B) {
      auto CS = E.getAs<CFGStmt>();
      if (!CS)
        continue;
      const auto *Ex = dyn_cast<Expr>(CS->getStmt());
      if (!Ex || !(isa<CallExpr>(Ex) || isa<CXXConstructExpr>(Ex)))
        continue;
      std::optional<LockOperation> Op = Locks.catalog().classify(Ex);
      if (!Op || !isBlockingAcquire(Op->Op))
        continue;
      const Lockset *Before = Held.heldBefore(Ex);
      if (!Before)
        continue; // unreachable
      llvm::SmallVector<const Expr *, 2> Mutexes = Op->Mutexes;
      if (Op->Op == LockOperation::GuardRelock && Mutexes.empty())
        Mutexes = guardMutexes(varOf(Op->GuardObject));
      for (const Expr *M : Mutexes) {
        LockId Id = Locks.catalog().lockIdOf(M);
        if (!Id)
          continue;
        LockAcquisition A{Id, Op->Mode, Ex, M, Def, {}, Mutexes.size() > 1};
        if (Op->Op == LockOperation::GuardRelock)
          A.ViaGuard = varOf(Op->GuardObject);
        A.Conditions = Model.analysis<GlobalConditions>().before(Def, Ex);
        Out.Direct.push_back(DirectAcquisition{std::move(A), *Before});
      }
    }
  llvm::stable_sort(Out.Direct, [&](const DirectAcquisition &L, const DirectAcquisition &R) {
    return SM.isBeforeInTranslationUnit(L.What.Site->getBeginLoc(), R.What.Site->getBeginLoc());
  });

  // One per lock; one a path reaches whatever the arguments is preferred
  // to one that needs them.
  auto AddReached = [&](LockAcquisition A) {
    for (LockAcquisition &Known : Out.Reached)
      if (Known.Id == A.Id) {
        if (!Known.Conditions.empty() && A.Conditions.empty())
          Known = std::move(A);
        return;
      }
    Out.Reached.push_back(std::move(A));
  };
  // A lock the caller lent (held on entry, or released here without being
  // taken here first) and this function takes back is the caller's own
  // lock again, not a new acquisition: `mu->Unlock(); io(); mu->Lock();`.
  // Only a lock call after the release takes it back: `if (need_lock)
  // mu.Lock(); ... if (need_lock) mu.Unlock();` acquires.
  auto Lent = [&](LockId Id, const Expr *At) {
    if (findLock(Held.entry(), Id))
      return true;
    const LockSummary &Sum = Held.summary();
    auto It = llvm::find(Sum.Released, Id);
    return It != Sum.Released.end() &&
           SM.isBeforeInTranslationUnit(Sum.ReleasedAt[It - Sum.Released.begin()]->getBeginLoc(),
                                        At->getBeginLoc());
  };
  for (const DirectAcquisition &D : Out.Direct)
    if (!findLock(D.HeldBefore, D.What.Id) && !Lent(D.What.Id, D.What.Site))
      AddReached(D.What);

  // Through callees: what they reach that is not held at the call.
  forEachCalleeAcquisition(Def, [&](const Lockset &HeldAtCall, LockAcquisition &&A) {
    if (A.Chain.size() > MaxChain)
      AnalysisStats::noteCutShort(*Def, "LockAcquisitions",
                                  "acquisitions in callees followed at most " +
                                      std::to_string(MaxChain) + " calls deep");
    else if (!findLock(HeldAtCall, A.Id)) {
      A.CallersReleased = Lent(A.Id, A.Chain.front()->Call);
      AddReached(std::move(A));
    }
  });
}

void LockAcquisitions::forEachCalleeAcquisition(
    const FunctionDecl *F,
    llvm::function_ref<void(const Lockset &HeldAtCall, LockAcquisition &&A)> Visit) {
  const FunctionLocks &Held = Locks.of(F);
  for (const CallSite &Site : Model.callGraph().callsIn(F)) {
    if (!Site.Callee || !Model.callGraph().isExplorable(Site.Callee))
      continue;
    const Lockset *Before = Held.heldBefore(Site.Call);
    if (!Before)
      continue;
    // `add(lk)` that calls `lk.release()` and then takes the same mutex
    // again is no relock.
    Lockset AtCall = Locks.heldThroughCall(*Before, Site.Call, Site.Callee);
    for (const LockAcquisition &Inner : of(Site.Callee).Reached) {
      LockId Mine = lockInCaller(Locks.catalog(), Inner.Id, Site.Call);
      if (!Mine)
        continue;
      std::optional<ValueFacts> Facts = Model.analysis<GlobalConditions>().atCall(
          F, Site.Call, Site.Callee, Inner.Conditions);
      if (!Facts)
        continue; // the call's arguments rule the path out
      // What the path down to the acquisition still holds of the
      // caller's locks (`if (locked) mu->Unlock(); Lock(other);`).
      Lockset AtAcquisition = Locks.heldAlong(AtCall, Site, Inner.Chain, Inner.Site);
      LockAcquisition A = Inner;
      A.Id = Mine;
      A.Conditions = std::move(*Facts);
      A.Chain.insert(A.Chain.begin(), &Site);
      if (Inner.CallersReleased) // the callee let go of it first
        llvm::erase_if(AtAcquisition, [&](const HeldLock &H) { return H.Id == Mine; });
      Visit(AtAcquisition, std::move(A));
    }
  }
}

bool LockAcquisitions::isScopedGuard(QualType T) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (Locks.catalog().isGuardType(T))
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  if (!Dtor || !Model.callGraph().isExplorable(Dtor) ||
      Locks.of(Dtor).summary().Released.empty())
    return false;
  return llvm::any_of(RD->ctors(), [&](const CXXConstructorDecl *C) {
    return Model.callGraph().isExplorable(C) && !of(C).Reached.empty();
  });
}

} // namespace concur
