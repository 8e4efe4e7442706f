#include "ManualLockUnlockCheck.h"

#include "../model/CallWrites.h"
#include "../model/Dataflow.h"

#include "../model/ExprWrappers.h"
#include "../model/QualifiedNames.h"
#include "../model/Termination.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace concur {
namespace {

/// A manual acquisition not yet released on some path reaching this point,
/// with the first jump (return, throw, break, goto, continue) taken since,
/// and what every path on which it is still pending assumed of invariant
/// tests.
struct Pending {
  const Expr *Site;
  const Stmt *Escape;
  Assumptions Under;
  bool operator==(const Pending &O) const {
    return Site == O.Site && Escape == O.Escape && Under == O.Under;
  }
};

/// The pending acquisitions, and what the path assumed: `if (threaded)
/// m.lock(); ... if (threaded) m.unlock();` leaves nothing pending.
struct PendingState {
  llvm::SmallVector<Pending, 2> Set;
  Assumptions Assumed;
  /// Locks this path released without taking them (the caller's): locking
  /// one again gives it back, as `unlock(); sleep(); lock();` does.
  llvm::SmallVector<LockId, 1> Lent;
  bool operator==(const PendingState &O) const {
    return Set == O.Set && Assumed == O.Assumed && Lent == O.Lent;
  }
};

bool isJump(const Stmt *S) {
  return S && (isa<ReturnStmt>(S) || isa<CXXThrowExpr>(S) || isa<BreakStmt>(S) ||
               isa<GotoStmt>(S) || isa<ContinueStmt>(S));
}

llvm::StringRef jumpName(const Stmt *S) {
  if (isa<ReturnStmt>(S))
    return "return";
  if (isa<CXXThrowExpr>(S))
    return "throw";
  if (isa<BreakStmt>(S))
    return "break";
  if (isa<GotoStmt>(S))
    return "goto";
  return "continue";
}

bool isStdMutexType(QualType T) {
  const CXXRecordDecl *RD = classOfType(T);
  if (!RD)
    return false;
  std::string N = genericName(RD);
  return N == "std::mutex" || N == "std::timed_mutex" || N == "std::recursive_mutex" ||
         N == "std::recursive_timed_mutex" || N == "std::shared_mutex" ||
         N == "std::shared_timed_mutex";
}

/// Whether \p To can run after \p From: later in From's block, or in a
/// block reachable from it.
template <typename EarlierFn>
bool reaches(const CFG &G, const llvm::DenseMap<const Stmt *, const CFGBlock *> &BlockOf,
             const Stmt *From, const Stmt *To, EarlierFn Earlier) {
  const CFGBlock *Start = BlockOf.lookup(From), *Goal = BlockOf.lookup(To);
  if (!Start || !Goal)
    return Earlier(From, To);
  if (Start == Goal && Earlier(From, To))
    return true;
  llvm::BitVector Seen(G.getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> Work{Start};
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
      const CFGBlock *S = Succ.getReachableBlock();
      if (!S || Seen.test(S->getBlockID()))
        continue;
      if (S == Goal)
        return true;
      Seen.set(S->getBlockID());
      Work.push_back(S);
    }
  }
  return false;
}

/// The manual lock and unlock calls of one function, by lock.
struct ManualLockCalls {
  llvm::DenseMap<const Stmt *, LockId> Acquires;
  llvm::DenseMap<const Stmt *, llvm::SmallVector<LockId, 1>> Releases;
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<const Expr *, 2>> UnlockSites;
  llvm::DenseMap<const Stmt *, const CFGBlock *> BlockOf;
  /// Stores that hand a lock to the caller: its address written where a
  /// pointer or reference parameter points (`*held = &lock;`), so that
  /// the caller unlocks it when done with what it guards.
  llvm::DenseMap<const Stmt *, LockId> HandedOut;
};

/// Whether \p E names memory the caller owns: through a pointer or
/// reference parameter (`*out`, `out->lock`, `out[0]`, `out` itself when
/// a reference).
bool callersMemory(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref)
    E = UO->getSubExpr()->IgnoreParenImpCasts();
  else if (const auto *ME = dyn_cast<MemberExpr>(E); ME && ME->isArrow())
    E = ME->getBase()->IgnoreParenImpCasts();
  else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    E = AS->getBase()->IgnoreParenImpCasts();
  else if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return isa<ParmVarDecl>(Ref->getDecl()) && Ref->getDecl()->getType()->isReferenceType();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref && isa<ParmVarDecl>(Ref->getDecl()) &&
         Ref->getDecl()->getType()->isPointerType();
}

/// The lock whose address \p S stores into the caller's memory, if any.
LockId lockHandedOut(const LockCatalog &Catalog, const Stmt *S) {
  const auto *BO = dyn_cast<BinaryOperator>(S);
  if (!BO || BO->getOpcode() != BO_Assign || !callersMemory(BO->getLHS()))
    return {};
  const auto *Addr = dyn_cast<UnaryOperator>(BO->getRHS()->IgnoreParenImpCasts());
  if (!Addr || Addr->getOpcode() != UO_AddrOf)
    return {};
  return Catalog.lockIdOf(Addr->getSubExpr());
}

ManualLockCalls collectLockCalls(ConcurrencyModel &Model, const FunctionDecl &F, const CFG &G) {
  Locksets &Locks = Model.analysis<Locksets>();
  const LockCatalog &Catalog = Locks.catalog();
  ManualLockCalls Out;
  for (const CFGBlock *B : G)
    for (const CFGElement &E : *B) {
      auto CS = E.getAs<CFGStmt>();
      if (CS)
        Out.BlockOf[CS->getStmt()] = B;
      if (LockId Handed = CS ? lockHandedOut(Catalog, CS->getStmt()) : LockId{})
        Out.HandedOut[CS->getStmt()] = Handed;
      const auto *Ex = CS ? dyn_cast<Expr>(CS->getStmt()) : nullptr;
      // A scoped-lock `for` unlocks as its body ends, as a guard's scope does.
      if (!Ex || !(isa<CallExpr>(Ex) || isa<CXXConstructExpr>(Ex)) || Locks.scopedByLoop(&F, Ex))
        continue;
      if (std::optional<LockOperation> Op = Catalog.classify(Ex)) {
        if (Op->Op == LockOperation::Acquire && Op->Mutexes.size() == 1) {
          // A semaphore is released where the work ends, often elsewhere.
          if (LockId Id = Catalog.lockIdOf(Op->Mutexes[0]); Id && !nobodyWaitsFor(Id))
            Out.Acquires[Ex] = Id;
        } else if (Op->Op == LockOperation::Release) {
          for (const Expr *M : Op->Mutexes)
            if (LockId Id = Catalog.lockIdOf(M)) {
              Out.Releases[Ex].push_back(Id);
              Out.UnlockSites[Id.Decl].push_back(Ex);
            }
        }
        continue;
      }
      // A same-TU helper that unlocks for its caller.
      const auto *Call = dyn_cast<CallExpr>(Ex);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      if (Callee && Model.callGraph().isExplorable(Callee))
        for (LockId Id : Locks.of(Callee).summary().Released)
          if (LockId Mine = lockInCaller(Catalog, Id, Ex)) {
            Out.Releases[Ex].push_back(Mine);
            Out.UnlockSites[Mine.Decl].push_back(Ex);
          }
    }
  return Out;
}

/// The rewrite to a std::lock_guard, when it is a local edit: `m.lock()` on
/// a standard mutex and its only unlock are statements of one block, and
/// nothing but a plain return follows the unlock. Empty otherwise.
llvm::SmallVector<FixItHint, 2> guardRewrite(const FunctionDecl &F, const Expr *Lock,
                                             const Expr *Unlock, ASTContext &Ctx) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Lock);
  if (!Call || !isStdMutexType(Call->getImplicitObjectArgument()->getType()))
    return {};
  ParentMap PM(F.getBody());
  const auto *Block = dyn_cast_or_null<CompoundStmt>(PM.getParent(Lock));
  if (!Block || PM.getParent(Unlock) != Block)
    return {};
  bool AfterUnlock = false, Simple = true;
  for (const Stmt *S : Block->body()) {
    if (AfterUnlock) {
      const auto *R = dyn_cast<ReturnStmt>(S);
      Simple &= R && (!R->getRetValue() ||
                      isa<IntegerLiteral>(R->getRetValue()->IgnoreImpCasts()) ||
                      isa<CXXBoolLiteralExpr>(R->getRetValue()->IgnoreImpCasts()));
    }
    if (S == Unlock)
      AfterUnlock = true;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const Expr *Object = Call->getImplicitObjectArgument();
  llvm::StringRef ObjectText =
      Lexer::getSourceText(CharSourceRange::getTokenRange(Object->getSourceRange()), SM, LO);
  std::optional<Token> Semi = Lexer::findNextToken(Unlock->getEndLoc(), SM, LO);
  if (!Simple || ObjectText.empty() || !Semi || !Semi->is(tok::semi))
    return {};
  std::string Type = genericName(classOfType(Object->getType()));
  std::string GuardName;
  for (char C : ObjectText)
    GuardName += isAlphanumeric(C) ? C : '_';
  return {FixItHint::CreateReplacement(Lock->getSourceRange(),
                                       "std::lock_guard<" + Type + "> " + GuardName +
                                           "_guard(" + ObjectText.str() + ")"),
          FixItHint::CreateRemoval(
              CharSourceRange::getCharRange(Unlock->getBeginLoc(), Semi->getEndLoc()))};
}

/// The returns at which each acquisition may still be pending, from the
/// solution \p In (a replay of the blocks with \p Transfer).
template <typename InStates, typename TransferFn>
llvm::DenseMap<const Expr *, llvm::SmallVector<const ReturnStmt *, 2>>
returnsLeaving(const CFG &G, const InStates &In, TransferFn &Transfer) {
  llvm::DenseMap<const Expr *, llvm::SmallVector<const ReturnStmt *, 2>> Out;
  for (const CFGBlock *B : G) {
    if (!In[B->getBlockID()])
      continue;
    PendingState State = *In[B->getBlockID()];
    for (const CFGElement &E : *B) {
      if (auto CS = E.getAs<CFGStmt>())
        if (const auto *R = dyn_cast<ReturnStmt>(CS->getStmt()))
          for (const Pending &P : State.Set)
            Out[P.Site].push_back(R);
      Transfer(State, E);
    }
  }
  return Out;
}

/// Whether \p F hands lock \p Id to its caller by its result, as a try-lock
/// does, and the returns that may leave it held (\p Returns) all give the
/// result that says so. Three facts together:
///  - the model's summary knows the result (LockSummary::HeldByResult);
///  - that result is the one that reports success (0 from a status code,
///    as pthread_mutex_trylock's; a non-null pointer; true): a lock left
///    held by `return -1;` on an error path is the leak this check is for;
///  - another function of the translation unit releases the lock without
///    taking it, the API's unlock half.
bool handedToCaller(ConcurrencyModel &Model, const FunctionDecl &F, LockId Id,
                    llvm::ArrayRef<const ReturnStmt *> Returns, const InvariantConditions &Values) {
  Locksets &Locks = Model.analysis<Locksets>();
  const auto &ByResult = Locks.of(&F).summary().HeldByResult;
  const auto *Handed = llvm::find_if(ByResult, [&](const ResultLock &R) { return R.Lock.Id == Id; });
  if (Handed == ByResult.end() || Returns.empty())
    return false;
  QualType Result = F.getReturnType();
  bool StatusCode = Result->isIntegerType() && !Result->isBooleanType();
  if (Handed->WhenTruthy == StatusCode)
    return false;
  for (const ReturnStmt *R : Returns)
    if (std::optional<bool> Value = Values.truthiness(R->getRetValue());
        Value && *Value != Handed->WhenTruthy)
      return false;
  return llvm::any_of(Model.index().functions(), [&](const FunctionDecl *Other) {
    return Other->getCanonicalDecl() != F.getCanonicalDecl() &&
           Model.callGraph().isExplorable(Other) &&
           llvm::is_contained(Locks.of(Other).summary().Released, Id);
  });
}

} // namespace

ManualLockUnlockCheck::ManualLockUnlockCheck(llvm::StringRef Name,
                                             clang::tidy::ClangTidyContext *Context)
    : LockCheckBase(Name, Context, /*FollowsCalls=*/false),
      SuggestFixes(Options.get("SuggestFixes", true)) {}

void ManualLockUnlockCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  LockCheckBase::storeOptions(Opts);
  Options.store(Opts, "SuggestFixes", SuggestFixes);
}

void ManualLockUnlockCheck::analyze(ConcurrencyModel &Model) {
  for (const FunctionDecl *F : Model.index().functions())
    if (isUserCode(Model, F))
      checkFunction(Model, F);
}

void ManualLockUnlockCheck::checkFunction(ConcurrencyModel &Model, const FunctionDecl *F) {
  const CFG *G = Model.cfg(F);
  if (!G)
    return;
  ManualLockCalls Calls = collectLockCalls(Model, *F, *G);
  const auto &[Acquires, Releases, UnlockSites, BlockOf, HandedOut] = Calls;
  if (Acquires.empty())
    return;

  const SourceManager &SM = Model.astContext().getSourceManager();
  auto Earlier = [&](const Stmt *A, const Stmt *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  };
  auto MarkEscape = [](PendingState &State, const Stmt *Jump) {
    for (Pending &P : State.Set)
      if (!P.Escape)
        P.Escape = Jump;
  };
  InvariantConditions Invariant(*F, &Model.analysis<CallWrites>());
  auto Transfer = [&](PendingState &State, const CFGElement &E) {
    auto CS = E.getAs<CFGStmt>();
    if (!CS)
      return;
    const Stmt *S = CS->getStmt();
    // `locked = false;`: from here on the path knows the flag's value.
    if (std::optional<Assumption> Stored = Invariant.assignedFlag(S)) {
      reassign(State.Assumed, *Stored);
      for (Pending &P : State.Set)
        reassign(P.Under, *Stored);
    } else {
      for (unsigned Lost : Invariant.overwritten(S)) {
        forget(State.Assumed, Lost);
        for (Pending &P : State.Set)
          forget(P.Under, Lost);
      }
    }
    // `*held = &lock;`: the caller has the lock now, and unlocks it.
    if (LockId Handed = HandedOut.lookup(S))
      llvm::erase_if(State.Set, [&](const Pending &P) { return Acquires.lookup(P.Site) == Handed; });
    if (auto It = Releases.find(S); It != Releases.end())
      for (LockId Id : It->second) {
        bool Mine = llvm::any_of(State.Set,
                                 [&](const Pending &P) { return Acquires.lookup(P.Site) == Id; });
        llvm::erase_if(State.Set, [&](const Pending &P) { return Acquires.lookup(P.Site) == Id; });
        if (!Mine && !llvm::is_contained(State.Lent, Id))
          State.Lent.push_back(Id);
      }
    if (auto It = Acquires.find(S); It != Acquires.end()) {
      if (llvm::is_contained(State.Lent, It->second))
        llvm::erase(State.Lent, It->second); // given back to the caller
      else if (!llvm::any_of(State.Set, [&](const Pending &P) { return P.Site == S; }))
        State.Set.push_back(Pending{cast<Expr>(S), nullptr, State.Assumed});
    }
    if (isa<ReturnStmt>(S) || isa<CXXThrowExpr>(S))
      MarkEscape(State, S);
  };
  auto Edge = [&](PendingState &State, const CFGBlock &From, unsigned SuccIndex) {
    // An edge the paths' own assumptions rule out is not taken: joining
    // what they assumed into the successor would blur what the feasible
    // paths know there. A lock still pending along a taken edge is
    // pending only where its test went this way.
    if (!assumeAlong(State.Assumed, Invariant, From, SuccIndex))
      return false;
    llvm::erase_if(State.Set, [&](Pending &P) {
      return !assumeAlong(P.Under, Invariant, From, SuccIndex);
    });
    llvm::SmallVector<Pending, 2> &Set = State.Set;
    const Stmt *T = From.getTerminatorStmt();
    if (T && isJump(T))
      MarkEscape(State, T);
    // `if (pthread_mutex_lock(&m)) throw ...;`: on a non-zero status the
    // lock was not taken, so nothing is pending on that edge.
    if (std::optional<BranchTest> Test = branchTest(From); Test && Test->truthyAlong(SuccIndex)) {
      const Expr *Status = statusCallTested(From, Test->Tested);
      if (!Status)
        Status = Test->Tested;
      if (Acquires.count(Status) && Status->getType()->isIntegerType())
        llvm::erase_if(Set, [&](const Pending &P) { return P.Site == Status; });
    }
    return true;
  };
  auto Join = [&](PendingState &Into, const PendingState &From) {
    keepCommon(Into.Assumed, From.Assumed);
    llvm::erase_if(Into.Lent, [&](LockId Id) { return !llvm::is_contained(From.Lent, Id); });
    for (const Pending &P : From.Set) {
      auto It = llvm::find_if(Into.Set, [&](const Pending &Q) { return Q.Site == P.Site; });
      if (It == Into.Set.end()) {
        Into.Set.push_back(P);
        continue;
      }
      keepCommon(It->Under, P.Under);
      if (P.Escape && (!It->Escape || Earlier(P.Escape, It->Escape)))
        It->Escape = P.Escape;
    }
  };
  // A call that never returns (an assertion's abort) ends its path: a lock
  // still held there is never left held.
  Termination &Term = Model.analysis<Termination>();
  auto Taken = [&](const CFGBlock &B, unsigned) { return Term.leaves(B); };
  auto In = solveForward<PendingState>(*G, {}, Transfer, Edge, Join, Taken);
  const auto &AtExit = In[G->getExit().getBlockID()];
  if (!AtExit)
    return;

  auto PendingAt = returnsLeaving(*G, In, Transfer);
  llvm::SmallVector<Pending, 2> Leaks = AtExit->Set;
  llvm::sort(Leaks, [&](const Pending &A, const Pending &B) { return Earlier(A.Site, B.Site); });
  for (const Pending &Leak : Leaks) {
    LockId Id = Acquires.lookup(Leak.Site);
    auto Unlocks = UnlockSites.find(Id.Decl);
    // Locked on every path to the exit is a function that returns holding
    // the lock on purpose (a lock() wrapper); only an unlock() that some
    // paths from this lock reach, and others skip, is a bug.
    if (Unlocks == UnlockSites.end() ||
        !llvm::any_of(Unlocks->second,
                      [&](const Expr *U) { return reaches(*G, BlockOf, Leak.Site, U, Earlier); }))
      continue;
    if (handedToCaller(Model, *F, Id, PendingAt.lookup(Leak.Site), Invariant))
      continue;
    std::string Name = lockName(Id);
    {
      auto D = diag(Leak.Site->getBeginLoc(),
                    "'%0' is locked here but some paths leave '%1' without unlocking it "
                    "(%2); other threads then block on it forever: %3")
               << Name << displayName(F)
               << (Leak.Escape ? ("a " + jumpName(Leak.Escape)).str()
                               : std::string("the end of the function"))
               << (Model.astContext().getLangOpts().CPlusPlus
                       ? "use a scoped guard (std::lock_guard, std::unique_lock) so that "
                         "every path unlocks"
                       : "unlock it on every path, e.g. leave through one exit that "
                         "unlocks");
      if (SuggestFixes && Unlocks->second.size() == 1)
        for (const FixItHint &Fix : guardRewrite(*F, Leak.Site, Unlocks->second.front(),
                                                 Model.astContext()))
          D << Fix;
    }
    if (Leak.Escape)
      diag(Leak.Escape->getBeginLoc(), "this %0 leaves '%1' locked", DiagnosticIDs::Note)
          << jumpName(Leak.Escape) << Name;
    else
      diag(F->getBody()->getEndLoc(), "'%0' is still locked when '%1' ends here",
           DiagnosticIDs::Note)
          << Name << displayName(F);
    diag(Unlocks->second.front()->getBeginLoc(), "'%0' is unlocked here on other paths",
         DiagnosticIDs::Note)
        << Name;
  }
}

} // namespace concur
