#include "Locksets.h"

#include "AtomicClaims.h"
#include "GlobalConditions.h"
#include "LockBindings.h"
#include "PointerStores.h"
#include "QueueTurns.h"
#include "ExprWrappers.h"
#include "Termination.h"
#include "TranslationUnitIndex.h"

#include "Dataflow.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <functional>

using namespace clang;

namespace concur {
namespace {

// Locksets are ordered by the mutex declaration's position, which is stable
// from run to run (pointers are not).
bool lockBefore(LockId A, LockId B) {
  unsigned LA = A.Decl->getLocation().getRawEncoding();
  unsigned LB = B.Decl->getLocation().getRawEncoding();
  return LA != LB ? LA < LB : A.Decl < B.Decl;
}

void insertLock(Lockset &Set, const HeldLock &L) {
  for (HeldLock &H : Set)
    if (H.Id == L.Id) {
      ++H.Depth;
      return;
    }
  auto Pos = Set.begin();
  while (Pos != Set.end() && lockBefore(Pos->Id, L.Id))
    ++Pos;
  Set.insert(Pos, L);
}

bool removeLock(Lockset &Set, LockId Id) {
  for (auto It = Set.begin(); It != Set.end(); ++It)
    if (It->Id == Id) {
      if (--It->Depth == 0)
        Set.erase(It);
      return true;
    }
  return false;
}

void removeGuarded(Lockset &Set, const VarDecl *Guard) {
  llvm::erase_if(Set, [&](const HeldLock &H) { return H.Guard == Guard; });
}

void intersect(Lockset &Into, const Lockset &From) {
  llvm::erase_if(Into, [&](HeldLock &H) {
    const HeldLock *Other = findLock(From, H.Id);
    if (!Other)
      return true;
    if (Other->Mode == LockMode::Shared)
      H.Mode = LockMode::Shared;
    H.Depth = std::min(H.Depth, Other->Depth);
    H.Callers = H.Callers || Other->Callers;
    if (H.Guard != Other->Guard)
      H.Guard = nullptr;
    return false;
  });
}

const Expr *stripGuardInit(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *EW = dyn_cast<ExprWithCleanups>(E))
      E = EW->getSubExpr();
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else
      return E;
  }
  return E;
}

const VarDecl *guardObjectVar(const Expr *Object) {
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(Object ? Object->IgnoreParenImpCasts() : nullptr))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

// A lock the callee names by its own parameter is the caller's argument.
LockId translateToCaller(const LockCatalog &Catalog, LockId Id, const Expr *Call) {
  const auto *P = dyn_cast_or_null<ParmVarDecl>(Id.Decl);
  if (!P)
    return Id;
  const Expr *Arg = argumentFor(Call, P);
  return Arg ? Catalog.lockIdOf(Arg) : LockId{};
}

bool isLocalOf(LockId Id, const FunctionDecl *F) {
  const auto *V = dyn_cast_or_null<VarDecl>(Id.Decl);
  return V && !isa<ParmVarDecl>(V) && V->hasLocalStorage() && V->getDeclContext() == F;
}

/// The locks \p Def hands over by its result (LockSummary::HeldByResult),
/// from the lockset before each of its \p Returns.
llvm::SmallVector<ResultLock, 1>
locksHeldByResult(const FunctionDecl &Def, const FunctionLocks &Out,
                  llvm::ArrayRef<std::pair<const ReturnStmt *, Lockset>> Returns) {
  llvm::SmallVector<HeldLock, 2> Candidates;
  for (const auto &[R, Held] : Returns)
    for (const HeldLock &H : Held)
      if (!H.Guard && !findLock(Out.entry(), H.Id) && !findLock(Out.summary().Acquired, H.Id) &&
          !isLocalOf(H.Id, &Def) && !findLock(Candidates, H.Id))
        Candidates.push_back(H);
  llvm::SmallVector<ResultLock, 1> Found;
  if (Candidates.empty())
    return Found;
  InvariantConditions Values(Def);
  for (const HeldLock &L : Candidates) {
    // The returns without the lock must all say so by one known value;
    // those with it must say the other, or return an object (`return
    // entry;` after locking it): `return vals[i];` says nothing.
    std::optional<bool> Without;
    llvm::SmallVector<std::optional<bool>, 2> With;
    bool Consistent = true;
    for (const auto &[R, Held] : Returns) {
      std::optional<bool> Value = Values.truthiness(R->getRetValue());
      if (findLock(Held, L.Id)) {
        if (!Value && !R->getRetValue()->getType()->isPointerType())
          Consistent = false;
        With.push_back(Value);
      } else if (!Value || (Without && *Without != *Value)) {
        Consistent = false;
      } else {
        Without = Value;
      }
    }
    if (!Consistent || !Without || With.empty() ||
        llvm::any_of(With, [&](std::optional<bool> V) { return V && *V == *Without; }))
      continue;
    Found.push_back(ResultLock{L, !*Without});
  }
  return Found;
}

/// The call whose result a branch tests: `f()`, or `(x = f())`.
const Expr *testedCall(const Expr *Tested) {
  if (const auto *BO = dyn_cast<BinaryOperator>(Tested); BO && BO->getOpcode() == BO_Assign)
    Tested = BO->getRHS()->IgnoreParenImpCasts();
  return isa<CallExpr>(Tested) ? Tested : nullptr;
}

/// What lock operation \p Op does to its locks: takes (once per
/// acquisition) and releases, into \p Taken and \p Released.
void opEffect(const LockCatalog &Catalog, const LockOperation &Op, const FunctionGuards &FG,
              llvm::SmallVector<LockId, 1> &Taken, llvm::SmallVector<LockId, 1> &Released,
              LockMode &Mode) {
  llvm::SmallVector<LockId, 1> Ids;
  if (Op.Op == LockOperation::GuardRelock || Op.Op == LockOperation::GuardUnlock) {
    if (const VarDecl *V = guardObjectVar(Op.GuardObject); V && FG.Local.count(V))
      Ids.assign(FG.Local.find(V)->second.Locks.begin(), FG.Local.find(V)->second.Locks.end());
  } else {
    for (const Expr *M : Op.Mutexes)
      if (LockId Id = Catalog.lockIdOf(M))
        Ids.push_back(Id);
  }
  // A guard constructed here takes the lock and lets go of it at the end
  // of its scope.
  bool Scoped = Op.Op == LockOperation::GuardLock || Op.Op == LockOperation::GuardTry;
  bool Takes = Op.Op == LockOperation::Acquire || Op.Op == LockOperation::GuardRelock || Scoped;
  bool Lets = Op.Op == LockOperation::Release || Op.Op == LockOperation::GuardUnlock || Scoped;
  for (LockId Id : Ids) {
    if (Takes)
      Taken.push_back(Id);
    if (Lets && !llvm::is_contained(Released, Id))
      Released.push_back(Id);
  }
  if (Takes && Op.Mode == LockMode::Shared)
    Mode = LockMode::Shared;
}

/// The lock operations in \p S (a branch of an if), by opEffect.
void locksTakenIn(const LockCatalog &Catalog, const Stmt *S, const FunctionGuards &FG, llvm::SmallVector<LockId, 1> &Taken,
                  llvm::SmallVector<LockId, 1> &Released, LockMode &Mode) {
  if (!S)
    return;
  if (auto It = FG.Ops.find(S); It != FG.Ops.end())
    opEffect(Catalog, It->second, FG, Taken, Released, Mode);
  for (const Stmt *Child : S->children())
    locksTakenIn(Catalog, Child, FG, Taken, Released, Mode);
}

/// FunctionGuards::ByFlag: every `if (flag)` on a bool or integer
/// parameter the body never changes, whose one branch takes a lock and
/// leaves it held while the other branch does not touch it, and which is
/// the only place the function takes that lock (`if (c) m.lock();
/// std::lock_guard g(m);` takes it on both paths: no caller holds it).
void locksTakenByFlag(const LockCatalog &Catalog, const FunctionDecl &Def, FunctionGuards &FG) {
  std::optional<InvariantConditions> Values;
  llvm::SmallVector<LockId, 1> InBody, Unused;
  LockMode Ignored = LockMode::Exclusive;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S)
      return;
    for (const Stmt *Child : S->children())
      Visit(Child);
    const auto *If = dyn_cast<IfStmt>(S);
    if (!If || !If->getCond() || If->hasInitStorage() || If->hasVarStorage())
      return;
    BranchTest Test = testOf(If->getCond());
    const auto *Ref = dyn_cast<DeclRefExpr>(Test.Tested);
    const auto *P = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (!P || P->getDeclContext() != &Def ||
        !(P->getType()->isBooleanType() || P->getType()->isIntegerType()))
      return;
    FlagLock Flag;
    llvm::SmallVector<LockId, 1> Released, OtherTaken, OtherReleased;
    locksTakenIn(Catalog, If->getThen(), FG, Flag.Locks, Released, Flag.Mode);
    locksTakenIn(Catalog, If->getElse(), FG, OtherTaken, OtherReleased, Ignored);
    if (Flag.Locks.empty())
      return;
    if (InBody.empty()) // every operation of the function, from its table
      for (const auto &[At, Op] : FG.Ops)
        opEffect(Catalog, Op, FG, InBody, Unused, Ignored);
    const llvm::SmallVector<LockId, 1> Taken = Flag.Locks;
    llvm::erase_if(Flag.Locks, [&](LockId Id) {
      return llvm::is_contained(Released, Id) || llvm::is_contained(OtherTaken, Id) ||
             llvm::is_contained(OtherReleased, Id) ||
             llvm::count(InBody, Id) != llvm::count(Taken, Id);
    });
    if (Flag.Locks.empty())
      return;
    llvm::sort(Flag.Locks, [](LockId A, LockId B) { return lockBefore(A, B); });
    Flag.Locks.erase(std::unique(Flag.Locks.begin(), Flag.Locks.end()), Flag.Locks.end());
    if (!Values)
      Values.emplace(Def);
    if (Values->writes(P))
      return;
    Flag.TakenWhenTruthy = Test.TruthyWhenTrue;
    FG.ByFlag[Test.Tested] = std::move(Flag);
  };
  Visit(Def.getBody());
}

} // namespace

const HeldLock *findLock(const Lockset &Set, LockId Id) {
  for (const HeldLock &H : Set)
    if (H.Id == Id)
      return &H;
  return nullptr;
}

const HeldLock *commonExclusion(const Lockset &A, const Lockset &B) {
  for (const HeldLock &H : A)
    if (const HeldLock *O = findLock(B, H.Id))
      if (H.Mode == LockMode::Exclusive || O->Mode == LockMode::Exclusive)
        return &H;
  return nullptr;
}

Lockset unionOf(const Lockset &A, const Lockset &B) {
  Lockset Out = A;
  for (const HeldLock &H : B)
    if (!findLock(Out, H.Id))
      insertLock(Out, H);
  return Out;
}

LockId lockInCaller(const LockCatalog &Catalog, LockId Id, const Expr *Call) {
  return translateToCaller(Catalog, Id, Call);
}

bool LockSummary::operator==(const LockSummary &O) const {
  return Acquired == O.Acquired && Released == O.Released && UnlockedGuards == O.UnlockedGuards &&
         RelockedGuards == O.RelockedGuards && HeldByResult == O.HeldByResult;
}

const Lockset *FunctionLocks::heldBefore(const Stmt *S) const {
  auto It = Before.find(S);
  return It == Before.end() ? nullptr : &Interned[It->second];
}

const Lockset *FunctionLocks::heldAround(llvm::ArrayRef<const Stmt *> Ancestors) const {
  if (!HasCFG)
    return &Entry;
  for (auto It = Ancestors.rbegin(); It != Ancestors.rend(); ++It)
    if (const Lockset *L = heldBefore(*It))
      return L;
  return nullptr;
}

Locksets::Locksets(ConcurrencyModel &Model)
    : Model(Model),
      Bindings(std::make_unique<LockBindings>(Model.analysis<PointerStores>())) {
  Catalog.useBindings(Bindings.get());
}

Locksets::~Locksets() = default;

const FunctionLocks &Locksets::of(const FunctionDecl *F) {
  static const FunctionLocks Empty;
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def))
    return Empty;
  auto St = Status.find(Def);
  if (St != Status.end()) {
    if (St->second == State::InProgress)
      InCycle[Def] = true;
    return *Facts[Def];
  }
  Status[Def] = State::InProgress;
  Facts[Def] = std::make_unique<FunctionLocks>();
  compute(Def, *Facts[Def]);
  // A recursive function saw its own partial summary: run it again until
  // its summary stops changing (bounded; lock summaries are tiny).
  bool Stable = false;
  for (unsigned Round = 0; Round < 3 && InCycle.lookup(Def); ++Round) {
    auto Fresh = std::make_unique<FunctionLocks>();
    compute(Def, *Fresh);
    Stable = Fresh->Summary == Facts[Def]->Summary;
    Facts[Def] = std::move(Fresh);
    if (Stable)
      break;
  }
  if (InCycle.lookup(Def) && !Stable)
    AnalysisStats::noteCutShort(*Def, "Locksets",
                                "recursive lock summary still changing after 3 rounds");
  Status[Def] = State::Done;
  return *Facts[Def];
}

namespace {

/// The lockset transfer of one function, one method per kind of CFG
/// element (guard destructors, lock operations, calls with a summary) and
/// per branch (try-lock and status tests), as a Static Analyzer checker is
/// split by callback.
class LocksetTransfer {
public:
  LocksetTransfer(Locksets &L, const FunctionDecl *Def, const FunctionGuards &FG)
      : L(L), Model(L.model()), Def(Def), Ops(FG.Ops), GuardVarOf(FG.GuardVarOf),
        Unlocked(FG.Unlocked), ByFlag(FG.ByFlag), SyncLoops(FG.SyncLoops),
        SyncLoopOps(FG.SyncLoopOps), GuardLocks(FG.Local) {}

  /// Set for the replay that records locksets: only then are summary
  /// facts (released locks, unlocked lent guards) collected.
  bool Recording = false;
  llvm::SmallVector<LockId, 1> Released;
  llvm::SmallVector<const Stmt *, 1> ReleasedAt;
  llvm::SmallVector<const ParmVarDecl *, 1> UnlockedGuards;

  void element(Lockset &Held, const CFGElement &E) {
    if (auto D = E.getAs<CFGAutomaticObjDtor>())
      return destructor(Held, *D);
    auto CS = E.getAs<CFGStmt>();
    if (!CS)
      return;
    const Stmt *S = CS->getStmt();
    if (SyncLoopOps.contains(S))
      return; // a scoped-lock `for`'s own lock and unlock: see edge()
    if (auto It = Ops.find(S); It != Ops.end())
      return lockOperation(Held, It->second, cast<Expr>(S));
    endClaim(Held, S);
    call(Held, S);
  }

  void edge(Lockset &Held, const CFGBlock &From, unsigned SuccIndex) {
    // A scoped-lock `for`: its body holds the locks, its way out does not.
    if (auto It = SyncLoops.find(From.getTerminatorStmt()); It != SyncLoops.end())
      for (auto [Id, Mode] : It->second) {
        if (SuccIndex == 0 && !findLock(Held, Id))
          insertLock(Held, HeldLock{Id, Mode, cast<ForStmt>(It->first)->getCond(), nullptr, 1});
        else if (SuccIndex == 1)
          while (removeLock(Held, Id)) {
          }
      }
    // The one thread that saw an atomic's first transition (AtomicClaims.h).
    if (const ValueDecl *Atomic = claimAlong(From, SuccIndex, Model.astContext()))
      if (!findLock(Held, LockId{Atomic}))
        insertLock(Held, HeldLock{LockId{Atomic}, LockMode::Exclusive, From.getLastCondition(),
                                  nullptr, 1});
    // The thread whose own entry is at a queue's front (QueueTurns.h).
    if (const ValueDecl *Queue = turnAlong(From, SuccIndex))
      if (!findLock(Held, LockId{Queue}))
        insertLock(Held, HeldLock{LockId{Queue}, LockMode::Exclusive, From.getLastCondition(),
                                  nullptr, 1});
    std::optional<BranchTest> Test = branchTest(From);
    if (!Test)
      return;
    const Expr *Cond = Test->Tested;
    resultTest(Held, Cond, Test->truthyAlong(SuccIndex));
    flagTest(Held, Cond, Test->truthyAlong(SuccIndex));
    if (const Expr *Status = statusCallTested(From, Cond))
      Cond = Status;
    auto It = Ops.find(Cond);
    if (It == Ops.end())
      return;
    const LockOperation &Op = It->second;
    bool CallTruthy = Test->truthyAlong(SuccIndex);
    if (Op.Op == LockOperation::TryAcquire) {
      if (CallTruthy == Op.SuccessValue)
        for (const Expr *M : Op.Mutexes)
          if (LockId Id = L.catalog().lockIdOf(M))
            insertLock(Held, HeldLock{Id, Op.Mode, Cond, nullptr, 1});
    } else if (Op.Op == LockOperation::Acquire && Cond->getType()->isIntegerType() &&
               CallTruthy && !failureRejoins(From, SuccIndex)) {
      // `if (pthread_mutex_lock(&m)) fail();`: a non-zero status means the
      // lock was not taken. A failure branch that goes on with the rest
      // (`if (rc) log("may clean up twice");`) is taken as the code takes
      // it: as if the lock were held, or every access after it would be.
      for (const Expr *M : Op.Mutexes)
        if (LockId Id = L.catalog().lockIdOf(M))
          removeLock(Held, Id);
    } else if (Op.Op == LockOperation::GuardTryRelock || Op.Op == LockOperation::GuardOwns) {
      const VarDecl *V = guardObjectVar(Op.GuardObject);
      // `lk.owns_lock()` on a lent guard finds the lender's lock: it is
      // the caller's, not taken here (the caller's lockset has it).
      if (Op.Op == LockOperation::GuardOwns && isa_and_nonnull<ParmVarDecl>(V))
        return;
      if (CallTruthy && V && !heldBy(Held, V))
        holdGuard(Held, V, Cond);
    }
  }

private:
  /// Whether the branch of \p From along \p SuccIndex reaches a block that
  /// the other branch reaches too (the exit aside: returns may differ).
  bool failureRejoins(const CFGBlock &From, unsigned SuccIndex) {
    const CFG *G = Model.cfg(Def);
    if (!G || From.succ_size() != 2)
      return false;
    auto [Memo, Fresh] = Rejoins.try_emplace({From.getBlockID(), SuccIndex}, false);
    if (!Fresh)
      return Memo->second;
    Termination &Term = Model.analysis<Termination>();
    auto Reach = [&](const CFGBlock *Start) {
      llvm::BitVector Seen(G->getNumBlockIDs());
      llvm::SmallVector<const CFGBlock *, 16> Work;
      if (Start)
        Work.push_back(Start);
      while (!Work.empty()) {
        const CFGBlock *B = Work.pop_back_val();
        if (Seen.test(B->getBlockID()) || B == &G->getExit())
          continue;
        Seen.set(B->getBlockID());
        if (Term.leaves(*B))
          for (const CFGBlock::AdjacentBlock &S : B->succs())
            if (const CFGBlock *Next = S.getReachableBlock())
              Work.push_back(Next);
      }
      return Seen;
    };
    auto Succ = From.succ_begin();
    llvm::BitVector Failed = Reach(Succ[SuccIndex].getReachableBlock());
    return Memo->second = Failed.anyCommon(Reach(Succ[1 - SuccIndex].getReachableBlock()));
  }
  llvm::DenseMap<std::pair<unsigned, unsigned>, bool> Rejoins;

  /// `if (page_lock_for(id) == 0)`: a same-TU callee that hands a lock over
  /// by its result holds it on the branch that saw that result.
  void resultTest(Lockset &Held, const Expr *Tested, bool Truthy) {
    const Expr *Call = testedCall(Tested);
    const FunctionDecl *Callee = Call ? CallGraph::calleeOf(Call) : nullptr;
    if (!Callee || !Model.callGraph().isExplorable(Callee))
      return;
    for (const ResultLock &R : L.of(Callee).summary().HeldByResult)
      if (R.WhenTruthy == Truthy)
        if (LockId Mine = translateToCaller(L.catalog(), R.Lock.Id, Call); Mine && !findLock(Held, Mine))
          insertLock(Held, HeldLock{Mine, R.Lock.Mode, Call, nullptr, 1});
  }

  /// `if (lock) mu.Lock();`: where the flag says not to take the lock,
  /// the caller holds it (as if the branch asserted it).
  void flagTest(Lockset &Held, const Expr *Tested, bool Truthy) {
    auto It = ByFlag.find(Tested);
    if (It == ByFlag.end() || It->second.TakenWhenTruthy == Truthy)
      return;
    for (LockId Id : It->second.Locks)
      if (!findLock(Held, Id)) {
        HeldLock H{Id, It->second.Mode, Tested, nullptr, 1};
        H.Callers = true;
        insertLock(Held, H);
      }
  }

  static bool heldBy(const Lockset &Held, const VarDecl *V) {
    return llvm::any_of(Held, [&](const HeldLock &H) { return H.Guard == V; });
  }

  /// Writing a claimed atomic again ends its claim; storing zero into one
  /// not claimed here lets go of the caller's (a spin lock's unlock()).
  void endClaim(Lockset &Held, const Stmt *S) {
    LockId Id{atomicWritten(S)};
    if (Id && (findLock(Held, Id) || storesZero(S, Model.astContext())))
      release(Held, Id, S);
    // Taking the front entry off a queue ends the turn held here (any
    // thread pops queues: one not held is not the caller's to give up).
    if (LockId Turn{turnReleased(S)}; Turn && findLock(Held, Turn))
      release(Held, Turn, S);
  }

  /// Lets go of \p Id at \p At; one not taken here (or only asserted
  /// held) is the caller's, and its earliest release is recorded.
  void release(Lockset &Held, LockId Id, const Stmt *At) {
    const HeldLock *H = findLock(Held, Id);
    bool Callers = !H || H->Callers;
    removeLock(Held, Id);
    if (!Callers || !Recording || isLocalOf(Id, Def))
      return;
    const SourceManager &SM = Model.astContext().getSourceManager();
    auto It = llvm::find(Released, Id);
    if (It == Released.end()) {
      Released.push_back(Id);
      ReleasedAt.push_back(At);
    } else if (const Stmt *&First = ReleasedAt[It - Released.begin()];
               SM.isBeforeInTranslationUnit(At->getBeginLoc(), First->getBeginLoc())) {
      First = At;
    }
  }

  void holdGuard(Lockset &Held, const VarDecl *V, const Expr *At) {
    auto It = GuardLocks.find(V);
    if (It == GuardLocks.end()) {
      // A guard the caller lends: its mutexes are the caller's.
      const auto *P = dyn_cast_or_null<ParmVarDecl>(V);
      std::optional<GuardBinding> Lent = P ? L.lentGuard(P) : std::nullopt;
      if (!Lent)
        return;
      It = GuardLocks.try_emplace(V, std::move(*Lent)).first;
    }
    for (LockId Id : It->second.Locks)
      insertLock(Held, HeldLock{Id, It->second.Mode, At, V, 1});
  }

  void destructor(Lockset &Held, const CFGAutomaticObjDtor &D) {
    removeGuarded(Held, D.getVarDecl());
    // A scoped unlocker takes back what it let go of.
    if (auto It = Unlocked.find(D.getVarDecl()); It != Unlocked.end()) {
      for (LockId Id : It->second.second) {
        if (findLock(Held, Id))
          continue;
        // Back in the hands of the guard that held it before, if one did.
        const VarDecl *Owner = nullptr;
        for (const auto &[V, Binding] : GuardLocks)
          if (llvm::is_contained(Binding.Locks, Id))
            Owner = V;
        insertLock(Held, HeldLock{Id, LockMode::Exclusive, It->second.first, Owner, 1});
      }
      return;
    }
    // A scoped guard of the program's own (its constructor locks, its
    // destructor unlocks): the destructor's summary releases the lock.
    llvm::SmallVector<LockId, 2> Released;
    releasedByDestructor(D.getDestructorDecl(Model.astContext()), Released, 0);
    for (LockId Id : Released)
      removeLock(Held, Id); // a guard already unlocked releases nothing
  }

  /// What destroying an object of \p Dtor's class releases: its
  /// destructor's summary, and its bases' destructors', which run after
  /// it (a guard derived from a scoped lock with an implicit destructor
  /// unlocks in the base's).
  void releasedByDestructor(const CXXDestructorDecl *Dtor, llvm::SmallVector<LockId, 2> &Out,
                            unsigned Depth) {
    if (!Dtor || Depth > 4)
      return;
    if (Model.callGraph().isExplorable(Dtor))
      for (LockId Id : L.of(Dtor).summary().Released)
        if (!llvm::is_contained(Out, Id))
          Out.push_back(Id);
    for (const CXXBaseSpecifier &Base : Dtor->getParent()->bases())
      if (const CXXRecordDecl *RD = Base.getType()->getAsCXXRecordDecl();
          RD && RD->hasDefinition())
        releasedByDestructor(RD->getDestructor(), Out, Depth + 1);
  }

  void adopt(Lockset &Held, const LockOperation &Op, const Expr *At) {
    const VarDecl *V = GuardVarOf.lookup(At);
    if (!V)
      return;
    for (const Expr *M : Op.Mutexes)
      if (LockId Id = L.catalog().lockIdOf(M)) {
        bool Found = false;
        for (HeldLock &H : Held)
          if (H.Id == Id) {
            H.Guard = V;
            Found = true;
          }
        if (!Found)
          insertLock(Held, HeldLock{Id, Op.Mode, At, V, 1});
      }
  }

  void lockOperation(Lockset &Held, const LockOperation &Op, const Expr *At) {
    switch (Op.Op) {
    case LockOperation::Acquire:
      for (const Expr *M : Op.Mutexes)
        if (LockId Id = L.catalog().lockIdOf(M))
          insertLock(Held, HeldLock{Id, Op.Mode, At, nullptr, 1});
      break;
    case LockOperation::Release:
      for (const Expr *M : Op.Mutexes)
        if (LockId Id = L.catalog().lockIdOf(M))
          release(Held, Id, At);
      break;
    case LockOperation::Assert:
      // `mu.AssertHeld()`: whoever called this holds it (as REQUIRES says).
      for (const Expr *M : Op.Mutexes)
        if (LockId Id = L.catalog().lockIdOf(M); Id && !findLock(Held, Id)) {
          HeldLock H{Id, Op.Mode, At, nullptr, 1};
          H.Callers = true;
          insertLock(Held, H);
        }
      break;
    case LockOperation::GuardLock:
      // A guard that is a temporary locks and unlocks within one
      // full-expression: nothing stays held.
      if (const VarDecl *V = GuardVarOf.lookup(At))
        holdGuard(Held, V, At);
      break;
    case LockOperation::GuardAdopt:
      adopt(Held, Op, At);
      break;
    case LockOperation::GuardRelock:
      holdGuard(Held, guardObjectVar(Op.GuardObject), At);
      break;
    case LockOperation::GuardUnlock:
      if (const VarDecl *V = guardObjectVar(Op.GuardObject)) {
        removeGuarded(Held, V);
        if (const auto *P = dyn_cast<ParmVarDecl>(V);
            P && Recording && !llvm::is_contained(UnlockedGuards, P))
          UnlockedGuards.push_back(P);
      }
      break;
    case LockOperation::GuardDisown:
      if (const VarDecl *V = guardObjectVar(Op.GuardObject))
        for (HeldLock &H : Held)
          if (H.Guard == V)
            H.Guard = nullptr;
      break;
    default: // try operations and queries act on branches
      break;
    }
  }

  /// A same-TU callee: its summary.
  void call(Lockset &Held, const Stmt *S) {
    const FunctionDecl *Callee = CallGraph::calleeOf(S);
    if (!Callee || !Model.callGraph().isExplorable(Callee))
      return;
    const auto *Call = cast<Expr>(S);
    const LockSummary &Sum = L.of(Callee).summary();
    // A lock the callee releases and takes again (`mu.unlock(); io();
    // mu.lock();`) is still the caller's, held by the caller's guard.
    auto TakenBack = [&](LockId Id) {
      return llvm::is_contained(Sum.Released, Id) && findLock(Sum.Acquired, Id);
    };
    for (LockId Id : Sum.Released)
      if (!TakenBack(Id))
        if (LockId Mine = translateToCaller(L.catalog(), Id, Call))
          release(Held, Mine, Call);
    for (const HeldLock &H : Sum.Acquired)
      if (!TakenBack(H.Id))
        if (LockId Mine = translateToCaller(L.catalog(), H.Id, Call))
          insertLock(Held, HeldLock{Mine, H.Mode, Call, nullptr, 1});
    // A guard lent to a callee that locks it again holds once it returns.
    for (const ParmVarDecl *P : Sum.RelockedGuards)
      if (const VarDecl *V = guardObjectVar(argumentFor(Call, P)); V && !heldBy(Held, V))
        holdGuard(Held, V, Call);
  }

  Locksets &L;
  ConcurrencyModel &Model;
  const FunctionDecl *Def;
  const llvm::DenseMap<const Stmt *, LockOperation> &Ops;
  const llvm::DenseMap<const Expr *, const VarDecl *> &GuardVarOf;
  const decltype(FunctionGuards::Unlocked) &Unlocked;
  const decltype(FunctionGuards::ByFlag) &ByFlag;
  const decltype(FunctionGuards::SyncLoops) &SyncLoops;
  const llvm::DenseSet<const Stmt *> &SyncLoopOps;
  llvm::DenseMap<const VarDecl *, GuardBinding> GuardLocks;
};

/// The lockset at the entry of each block of \p G, from \p Entry: the
/// locks held on every path (paths meet by intersect), or, with \p May, on
/// some path (by union).
std::vector<std::optional<Lockset>>
solveLocksets(ConcurrencyModel &Model, const CFG &G, const Lockset &Entry, LocksetTransfer &T,
              bool May = false,
              llvm::function_ref<bool(const CFGBlock &, unsigned)> AlsoTaken = nullptr) {
  auto Transfer = [&](Lockset &Held, const CFGElement &E) { T.element(Held, E); };
  auto Edge = [&](Lockset &Held, const CFGBlock &From, unsigned SuccIndex) {
    T.edge(Held, From, SuccIndex);
  };
  // A call that never returns ends its path: nothing after it holds locks.
  Termination &Term = Model.analysis<Termination>();
  auto Taken = [&](const CFGBlock &B, unsigned SuccIndex) {
    return Term.leaves(B) && (!AlsoTaken || AlsoTaken(B, SuccIndex));
  };
  auto Join = [May](Lockset &Into, const Lockset &From) {
    if (May)
      Into = unionOf(Into, From);
    else
      intersect(Into, From);
  };
  return solveForward<Lockset>(G, Entry, Transfer, Edge, Join, Taken);
}

/// The blocks of \p G from which control can reach the exit: not only
/// into calls that never return.
llvm::BitVector blocksThatReturn(const CFG &G, Termination &Term) {
  llvm::BitVector Out(G.getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> Work{&G.getExit()};
  Out.set(G.getExit().getBlockID());
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    for (const CFGBlock::AdjacentBlock &P : B->preds())
      if (const CFGBlock *Pred = P.getReachableBlock();
          Pred && !Out.test(Pred->getBlockID()) && Term.leaves(*Pred)) {
        Out.set(Pred->getBlockID());
        Work.push_back(Pred);
      }
  }
  return Out;
}

} // namespace

void Locksets::compute(const FunctionDecl *Def, FunctionLocks &Out) {
  AnalysisStats::Timer Time(AnalysisStats::Section::Analysis, "Locksets");
  for (auto [Id, Mode] : Catalog.requiredLocks(Def))
    insertLock(Out.Entry, HeldLock{Id, Mode, nullptr, nullptr, 1});
  const CFG *G = Model.cfg(Def);
  if (!G)
    return;
  Out.HasCFG = true;

  LocksetTransfer T(*this, Def, guardsOf(Def, *G));
  auto In = solveLocksets(Model, *G, Out.Entry, T);
  Termination &Term = Model.analysis<Termination>();

  // Replay each reachable block once to record the lockset before every
  // element statement (consecutive equal locksets share one copy). What a
  // path that never returns lets go of (`unlock(m); fatal();`) is not let
  // go of for the caller: only blocks that can return record summary facts.
  llvm::BitVector Returning = blocksThatReturn(*G, Term);
  llvm::SmallVector<std::pair<const ReturnStmt *, Lockset>, 4> Returns;
  for (const CFGBlock *B : *G) {
    const auto &Start = In[B->getBlockID()];
    if (!Start)
      continue;
    T.Recording = Returning.test(B->getBlockID());
    Lockset Held = *Start;
    int Cut = Term.cutAt(*B), Index = 0;
    for (const CFGElement &E : *B) {
      if (Cut >= 0 && Index++ > Cut)
        break; // dead after a call that never returns
      if (auto CS = E.getAs<CFGStmt>()) {
        if (Out.Interned.empty() || !(Out.Interned.back() == Held))
          Out.Interned.push_back(Held);
        Out.Before[CS->getStmt()] = Out.Interned.size() - 1;
        if (const auto *R = dyn_cast<ReturnStmt>(CS->getStmt()); R && R->getRetValue())
          Returns.emplace_back(R, Held);
      }
      T.element(Held, E);
    }
  }
  Out.Summary.Released = std::move(T.Released);
  Out.Summary.ReleasedAt = std::move(T.ReleasedAt);
  Out.Summary.UnlockedGuards = std::move(T.UnlockedGuards);
  if (const auto &Exit = In[G->getExit().getBlockID()])
    for (const HeldLock &H : *Exit) {
      // A lock only asserted is the caller's, not acquired here; one the
      // function also let go of and took back is given back (Released and
      // Acquired both), whichever paths asserted it.
      bool OnlyAsserted = H.Callers && !llvm::is_contained(Out.Summary.Released, H.Id);
      if (!findLock(Out.Entry, H.Id) && !H.Guard && !isLocalOf(H.Id, Def) && !OnlyAsserted)
        insertLock(Out.Summary.Acquired, H);
      // Entry holds no lent guard's lock: held at exit means relocked.
      if (const auto *P = dyn_cast_or_null<ParmVarDecl>(H.Guard);
          P && !llvm::is_contained(Out.Summary.RelockedGuards, P))
        Out.Summary.RelockedGuards.push_back(P);
    }
  Out.Summary.HeldByResult = locksHeldByResult(*Def, Out, Returns);
}

namespace {

/// The lock operations in \p Part: calls the catalog classifies, and
/// calls of same-TU helpers whose summary takes (\p Takes) or lets go of
/// the locks, in the caller's names.
void lockCallsIn(Locksets &L, const Stmt *Part, const FunctionGuards &FG, bool Takes,
                 llvm::SmallVectorImpl<std::pair<const Stmt *, std::pair<LockId, LockMode>>> &Out) {
  llvm::SmallVector<const Stmt *, 8> Work{Part};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    llvm::append_range(Work, S->children());
    if (auto It = FG.Ops.find(S); It != FG.Ops.end()) {
      llvm::SmallVector<LockId, 1> Taken, Released;
      LockMode Mode = LockMode::Exclusive;
      opEffect(L.catalog(), It->second, FG, Taken, Released, Mode);
      for (LockId Id : Takes ? Taken : Released)
        Out.push_back({S, {Id, Takes ? Mode : LockMode::Exclusive}});
      continue;
    }
    const FunctionDecl *Callee = CallGraph::calleeOf(S);
    if (!Callee || !L.model().callGraph().isExplorable(Callee))
      continue;
    const LockSummary &Sum = L.of(Callee).summary();
    if (Takes) {
      for (const HeldLock &H : Sum.Acquired)
        if (LockId Mine = translateToCaller(L.catalog(), H.Id, cast<Expr>(S)))
          Out.push_back({S, {Mine, H.Mode}});
    } else {
      for (LockId Id : Sum.Released)
        if (LockId Mine = translateToCaller(L.catalog(), Id, cast<Expr>(S)))
          Out.push_back({S, {Mine, LockMode::Exclusive}});
    }
  }
}

/// FunctionGuards::SyncLoops, from \p G's loop terminators: the `for` statements whose
/// initialiser or condition takes a lock that their condition or
/// increment lets go of.
void findSyncLoops(Locksets &L, const CFG &G, FunctionGuards &Out) {
  for (const CFGBlock *B : G) {
    const auto *For = dyn_cast_or_null<ForStmt>(B->getTerminatorStmt());
    if (!For || !For->getCond() || Out.SyncLoops.count(For))
      continue;
    llvm::SmallVector<std::pair<const Stmt *, std::pair<LockId, LockMode>>, 2> Takes, Lets;
    lockCallsIn(L, For->getInit(), Out, true, Takes);
    lockCallsIn(L, For->getCond(), Out, true, Takes);
    lockCallsIn(L, For->getCond(), Out, false, Lets);
    lockCallsIn(L, For->getInc(), Out, false, Lets);
    llvm::SmallVector<std::pair<LockId, LockMode>, 1> Held;
    for (const auto &[Site, Lock] : Takes)
      if (llvm::any_of(Lets, [&](const auto &Let) { return Let.second.first == Lock.first; }) &&
          !llvm::any_of(Held, [&](const auto &H) { return H.first == Lock.first; }))
        Held.push_back(Lock);
    if (Held.empty())
      continue;
    Out.SyncLoops[For] = std::move(Held);
    for (const auto &Op : Takes)
      Out.SyncLoopOps.insert(Op.first);
    for (const auto &Op : Lets)
      Out.SyncLoopOps.insert(Op.first);
  }
}

} // namespace

bool Locksets::scopedByLoop(const FunctionDecl *Def, const Stmt *S) {
  const CFG *G = Model.cfg(Def);
  return G && guardsOf(Def, *G).SyncLoopOps.contains(S);
}

const FunctionGuards &Locksets::guardsOf(const FunctionDecl *Def, const CFG &G) {
  std::unique_ptr<FunctionGuards> &Slot = Guards[Def];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<FunctionGuards>();
  FunctionGuards &Out = *Slot;
  for (const CFGBlock *B : G)
    for (const CFGElement &E : *B) {
      auto CS = E.getAs<CFGStmt>();
      if (!CS)
        continue;
      const Stmt *S = CS->getStmt();
      if (const auto *DS = dyn_cast<DeclStmt>(S)) {
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit())
            Out.GuardVarOf[stripGuardInit(V->getInit())] = V;
        continue;
      }
      const auto *Ex = dyn_cast<Expr>(S);
      if (!Ex || !(isa<CallExpr>(Ex) || isa<CXXConstructExpr>(Ex)))
        continue;
      if (std::optional<LockOperation> Op = Catalog.classify(Ex))
        Out.Ops[S] = std::move(*Op);
    }
  auto AddLocks = [&](GuardBinding &Into, llvm::ArrayRef<const Expr *> Mutexes) {
    for (const Expr *M : Mutexes)
      if (LockId Id = Catalog.lockIdOf(M); Id && !llvm::is_contained(Into.Locks, Id))
        Into.Locks.push_back(Id);
  };
  for (auto &[S, Op] : Out.Ops) {
    // `lk.acquire(m)` on a learned guard binds lk to m as its construction
    // would.
    if ((Op.Op == LockOperation::GuardRelock || Op.Op == LockOperation::GuardTryRelock) &&
        !Op.Mutexes.empty())
      if (const VarDecl *V = guardObjectVar(Op.GuardObject))
        AddLocks(Out.Local[V], Op.Mutexes);
    if (Op.Op == LockOperation::Release && isa<CXXConstructExpr>(S))
      if (const VarDecl *V = Out.GuardVarOf.lookup(cast<Expr>(S))) {
        auto &[At, Locks] = Out.Unlocked[V];
        At = cast<Expr>(S);
        for (const Expr *M : Op.Mutexes)
          if (LockId Id = Catalog.lockIdOf(M))
            Locks.push_back(Id);
      }
    if (Op.Op == LockOperation::GuardLock || Op.Op == LockOperation::GuardDeferred ||
        Op.Op == LockOperation::GuardTry || Op.Op == LockOperation::GuardAdopt)
      if (const VarDecl *V = Out.GuardVarOf.lookup(cast<Expr>(S))) {
        GuardBinding &Binding = Out.Local[V];
        Binding.Mode = Op.Mode;
        AddLocks(Binding, Op.Mutexes);
      }
  }
  locksTakenByFlag(Catalog, *Def, Out);
  findSyncLoops(*this, G, Out);
  return Out;
}

std::optional<GuardBinding> Locksets::lentGuard(const ParmVarDecl *P) {
  const auto *F = dyn_cast_or_null<FunctionDecl>(P ? P->getDeclContext() : nullptr);
  if (!F)
    return std::nullopt;
  auto [Slot, Fresh] = LentGuards.try_emplace(P);
  if (!Fresh)
    return Slot->second; // known, or in progress (a cycle of lenders)
  if (!callersAllVisible(F))
    return std::nullopt;
  std::optional<GuardBinding> Common;
  // Copy: the recursion below may grow the call-site buckets.
  auto Sites = llvm::to_vector(callsOf(F));
  for (const auto &[Caller, Site] : Sites) {
    const VarDecl *V = guardObjectVar(argumentFor(Site->Call, P));
    std::optional<GuardBinding> Passed;
    if (const auto *Lender = dyn_cast_or_null<ParmVarDecl>(V))
      Passed = lentGuard(Lender);
    else if (const CFG *CG = V ? Model.cfg(Caller) : nullptr)
      if (const FunctionGuards &CallerGuards = guardsOf(Caller, *CG);
          CallerGuards.Local.count(V))
        Passed = CallerGuards.Local.lookup(V);
    if (!Passed)
      return std::nullopt;
    if (!Common) {
      Common = std::move(Passed);
      continue;
    }
    llvm::erase_if(Common->Locks,
                   [&](LockId Id) { return !llvm::is_contained(Passed->Locks, Id); });
    if (Passed->Mode == LockMode::Shared)
      Common->Mode = LockMode::Shared;
  }
  if (!Common || Common->Locks.empty())
    return std::nullopt;
  return LentGuards[P] = std::move(Common);
}

Lockset Locksets::heldThroughCall(const Lockset &Before, const Expr *Call,
                                  const FunctionDecl *Callee) {
  Lockset Through = Before;
  if (!Callee || !Model.callGraph().isExplorable(Callee))
    return Through;
  for (const ParmVarDecl *P : of(Callee).summary().UnlockedGuards)
    if (const Expr *Arg = argumentFor(Call, P))
      if (const VarDecl *V = guardObjectVar(Arg))
        removeGuarded(Through, V);
  return Through;
}

Lockset Locksets::heldAlong(const Lockset &Before, const CallSite &Entered,
                           llvm::ArrayRef<const CallSite *> Path, const Stmt *Final) {
  Lockset Held = Before;
  const FunctionDecl *In = Entered.Callee;
  const Expr *EnteredBy = Entered.Call;
  // Drops what \p In lets go of on every path to \p At.
  auto LetGoBefore = [&](const Stmt *At) {
    if (!In || !Model.callGraph().isExplorable(In))
      return false;
    const FunctionDecl *Def = In->getDefinition() ? In->getDefinition() : In;
    // A lock the function names by its own parameter is the caller's
    // argument: which of the caller's locks it lets go of is not known.
    llvm::erase_if(Held, [&](const HeldLock &H) {
      return !isLocalOf(H.Id, Def) && !isa_and_nonnull<ParmVarDecl>(H.Id.Decl) &&
             !callersLockHeldAt(Def, H.Id, At, EnteredBy);
    });
    return true;
  };
  for (const CallSite *Hop : Path) {
    if (Held.empty() || !LetGoBefore(Hop->Call))
      return Held;
    Held = heldThroughCall(Held, Hop->Call, Hop->Callee);
    In = Hop->Callee;
    EnteredBy = Hop->Call;
  }
  if (Final && !Held.empty())
    LetGoBefore(Final);
  return Held;
}

bool Locksets::callersLockHeldAt(const FunctionDecl *Def, LockId Id, const Stmt *S,
                                 const Expr *Call) {
  const CFG *G = Model.cfg(Def);
  if (!G)
    return true;
  // Only a function that lets go of the caller's lock somewhere (or of
  // one it requires) can have done so.
  const FunctionLocks &Known = of(Def);
  Lockset Entry = Known.entry();
  if (findLock(Entry, Id)) {
    // A lock it requires and still holds on every path is held.
    if (const Lockset *Before = Known.heldBefore(S); !Before || findLock(*Before, Id))
      return true;
  } else {
    // `unlock_or_die(&m)` lets go of the caller's m by its parameter too:
    // a path keeps m only if it keeps both names of it.
    if (Call)
      for (LockId R : Known.summary().Released)
        if (isa_and_nonnull<ParmVarDecl>(R.Decl) && !(R == Id) &&
            translateToCaller(Catalog, R, Call) == Id &&
            !callersLockHeldAt(Def, R, S, Call))
          return false;
    if (!llvm::is_contained(Known.summary().Released, Id))
      return true;
    HeldLock Lent{Id, LockMode::Exclusive, nullptr, nullptr, 1};
    Lent.Callers = true;
    insertLock(Entry, Lent);
  }
  // One may-solve per function, lock and entering call; a replay per site.
  LocksetTransfer T(*this, Def, guardsOf(Def, *G));
  auto [Memo, Fresh] = MayHeld.try_emplace({Def, Id.Decl, Call});
  if (Fresh) {
    InvariantConditions Values(*Def);
    llvm::SmallVector<const Expr *, 4> Args;
    if (Call)
      Args = CallGraph::argumentsOf(Call);
    auto Taken = [&](const CFGBlock &From, unsigned SuccIndex) {
      return !Call || takenWithArguments(Def, From, SuccIndex, Args, Values);
    };
    // Still held on some path counts as held.
    Memo->second = solveLocksets(Model, *G, Entry, T, /*May=*/true, Taken);
  }
  const std::vector<std::optional<Lockset>> &In = Memo->second;
  for (const CFGBlock *B : *G) {
    if (!In[B->getBlockID()])
      continue;
    Lockset Held = *In[B->getBlockID()];
    for (const CFGElement &E : *B) {
      if (auto CS = E.getAs<CFGStmt>(); CS && CS->getStmt() == S)
        return findLock(Held, Id) != nullptr;
      T.element(Held, E);
    }
  }
  return true; // unreachable here: nothing is known to be let go of
}

llvm::ArrayRef<std::pair<const FunctionDecl *, const CallSite *>>
Locksets::callsOf(const FunctionDecl *F) {
  if (!CallsOfBuilt) {
    CallsOfBuilt = true;
    for (const FunctionDecl *G : Model.index().functions())
      for (const CallSite &C : Model.callGraph().callsIn(G))
        if (C.Callee)
          CallsOf[C.Callee->getCanonicalDecl()].push_back({G, &C});
  }
  auto It = CallsOf.find(F->getCanonicalDecl());
  if (It == CallsOf.end())
    return {};
  return It->second;
}

bool Locksets::callersAllVisible(const FunctionDecl *F) const {
  if (Model.index().hasUnseenCallers(F))
    return false;
  if (const auto *M = dyn_cast<CXXMethodDecl>(F)) {
    if (M->isVirtual())
      return false; // called through base pointers from anywhere
    if (M->getAccess() == AS_private || M->getAccess() == AS_protected)
      return true;
  }
  if (!F->isExternallyVisible())
    return true;
  if (inMainFile(F->getCanonicalDecl()))
    return true;
  // Declared in a header but defined here, out of line: this file is its
  // implementation, and the calls in it are the ones we can see. A caller
  // in another file that skips the lock is outside this TU's view (a
  // REQUIRES annotation states the contract to it).
  return definedOutOfLineHere(F);
}

Lockset Locksets::inheritedThrough(const FunctionDecl *Caller) {
  Lockset Inherited = heldByEveryCaller(Caller);
  if (Inherited.empty())
    return Inherited;
  // What the caller may let go of somewhere in its body (flow-insensitive,
  // so on the safe side): a lock it unlocks without taking it, or the lock
  // of a guard it was lent and unlocks (`lk.release(); other(); ...`).
  const LockSummary &Sum = of(Caller).summary();
  llvm::SmallVector<LockId, 2> LetGo(Sum.Released.begin(), Sum.Released.end());
  for (const ParmVarDecl *P : Sum.UnlockedGuards) {
    std::optional<GuardBinding> Lent = lentGuard(P);
    if (!Lent)
      return {}; // it lets go of a lock we cannot name: none is certain
    LetGo.append(Lent->Locks.begin(), Lent->Locks.end());
  }
  llvm::erase_if(Inherited, [&](const HeldLock &H) { return llvm::is_contained(LetGo, H.Id); });
  return Inherited;
}

bool namedInCallees(LockId Id) {
  const auto *V = dyn_cast_or_null<VarDecl>(Id.Decl);
  return Id && (!V || (!isa<ParmVarDecl>(V) && V->hasGlobalStorage()));
}

Lockset Locksets::heldByEveryCaller(const FunctionDecl *F) {
  if (!F)
    return {};
  F = F->getCanonicalDecl();
  auto [Slot, Fresh] = CallerHeld.try_emplace(F);
  if (!Fresh)
    return Slot->second ? *Slot->second : Lockset(); // in progress: nothing known
  // Copy: the recursive calls below may grow the call-site buckets.
  auto Sites = llvm::to_vector(callsOf(F));
  if (Sites.empty() || !callersAllVisible(F))
    return *(CallerHeld[F] = Lockset());
  std::optional<Lockset> Common;
  for (const auto &[Caller, Site] : Sites) {
    const FunctionLocks &Locks = of(Caller);
    const Lockset *Before = Locks.hasCFG() ? Locks.heldBefore(Site->Call) : &Locks.entry();
    if (!Before)
      continue; // unreachable call
    Lockset Here = unionOf(*Before, inheritedThrough(Caller));
    llvm::erase_if(Here, [](const HeldLock &H) { return !namedInCallees(H.Id); });
    if (!Common)
      Common = std::move(Here);
    else
      intersect(*Common, Here);
    if (Common->empty())
      break;
  }
  return *(CallerHeld[F] = Common ? std::move(*Common) : Lockset());
}

} // namespace concur
