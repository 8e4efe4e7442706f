#include "ForkModel.h"

#include "Dataflow.h"
#include "ExprWrappers.h"
#include "FunctionFacts.h"
#include "Locksets.h"
#include "PoolModel.h"
#include "QualifiedNames.h"
#include "ThreadTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"

#include <deque>

using namespace clang;

namespace concur {
namespace {

constexpr const char *DefaultForkFunctions[] = {"fork", "vfork",
                                                "concur::ProcessPool::ProcessPool"};

constexpr const char *ChildEnders[] = {
    "execl", "execlp", "execle",  "execv", "execvp", "execvpe", "execve",
    "fexecve", "_exit", "_Exit",  "abort", "posix_spawn", "posix_spawnp",
};

// POSIX's async-signal-safe list, the part a child sets itself up with
// before exec (redirections, process group, signal mask, credentials).
constexpr const char *AsyncSignalSafe[] = {
    "dup",       "dup2",        "dup3",        "close",      "open",        "openat",
    "chdir",     "fchdir",      "setsid",      "setpgid",    "signal",      "sigaction",
    "sigprocmask", "pthread_sigmask", "sigemptyset", "sigfillset", "sigaddset", "sigdelset",
    "write",     "read",        "umask",       "setuid",     "setgid",      "setgroups",
    "getpid",    "getppid",     "kill",        "alarm",      "fcntl",       "raise",
    "pipe",      "prctl",       "getuid",      "geteuid",    "chroot",      "nice",
    "setrlimit", "getrlimit",   "__errno_location",
};

constexpr const char *NonAllocatingAccessors[] = {"data", "c_str", "size", "empty",
                                                  "front", "back", "begin", "end"};

std::string calleeName(const FunctionDecl *F) { return F ? genericName(F) : std::string(); }

bool inList(llvm::ArrayRef<const char *> List, const FunctionDecl *F) {
  if (!F || !F->getDeclName().isIdentifier())
    return false;
  // C library functions: the global namespace (or std:: aliases of them).
  if (!F->isExternC() && !F->getDeclContext()->isTranslationUnit() &&
      !F->getDeclContext()->isStdNamespace())
    return false;
  return llvm::is_contained(List, F->getName());
}

/// Maps each CFG element statement of \p G to its block.
llvm::DenseMap<const Stmt *, const CFGBlock *> blockOfElements(const CFG &G) {
  llvm::DenseMap<const Stmt *, const CFGBlock *> Out;
  for (const CFGBlock *B : G)
    for (const CFGElement &E : *B)
      if (auto S = E.getAs<CFGStmt>())
        Out[S->getStmt()] = B;
  return Out;
}

/// The value of fork()'s result in conditions: the call itself, the
/// variable it was stored into, `(pid = fork())`.
struct ForkValue {
  const Expr *Call;
  const VarDecl *Var;

  bool denotes(const Expr *E) const {
    E = E ? E->IgnoreParenImpCasts() : nullptr;
    if (!E)
      return false;
    if (E == Call)
      return true;
    if (const auto *BO = dyn_cast<BinaryOperator>(E);
        BO && BO->getOpcode() == BO_Assign)
      return denotes(BO->getRHS()) || denotes(BO->getLHS());
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    return Ref && Var && Ref->getDecl() == Var;
  }

  /// Whether \p Block's branch condition holds when fork() returned
  /// \p Pid, if it depends on that only.
  std::optional<bool> evaluate(const CFGBlock &Block, long Pid, const ASTContext &Ctx) const {
    std::optional<BranchTest> Test = branchTest(Block);
    if (!Test)
      return std::nullopt;
    std::optional<bool> Truthy = evaluate(Test->Tested, Pid, Ctx);
    if (!Truthy)
      return std::nullopt;
    return *Truthy == Test->TruthyWhenTrue;
  }

  /// \p Tested (negations removed: see branchTest) evaluated with fork()'s
  /// result \p Pid, if it depends on it only.
  std::optional<bool> evaluate(const Expr *Tested, long Pid, const ASTContext &Ctx) const {
    if (!Tested)
      return std::nullopt;
    const Expr *Cond = Tested->IgnoreParenImpCasts();
    if (denotes(Cond))
      return Pid != 0;
    const auto *BO = dyn_cast<BinaryOperator>(Cond);
    if (!BO || !BO->isComparisonOp())
      return std::nullopt;
    const Expr *Other = nullptr;
    bool PidOnLeft = denotes(BO->getLHS());
    if (PidOnLeft)
      Other = BO->getRHS();
    else if (denotes(BO->getRHS()))
      Other = BO->getLHS();
    Expr::EvalResult R;
    if (!Other || Other->isValueDependent() || !Other->EvaluateAsInt(R, Ctx))
      return std::nullopt;
    long K = R.Val.getInt().getExtValue();
    long L = PidOnLeft ? Pid : K, Rv = PidOnLeft ? K : Pid;
    switch (BO->getOpcode()) {
    case BO_EQ: return L == Rv;
    case BO_NE: return L != Rv;
    case BO_LT: return L < Rv;
    case BO_GT: return L > Rv;
    case BO_LE: return L <= Rv;
    case BO_GE: return L >= Rv;
    default: return std::nullopt;
    }
  }
};

bool isThreadOrFutureClass(const CXXRecordDecl *RD) { return isStdThread(RD) || isFuture(RD); }

} // namespace

ForkModel::ForkModel(ConcurrencyModel &Model)
    : Model(Model), Spawns(Model.analysis<SpawnSites>()) {}

llvm::ArrayRef<const char *> ForkModel::defaultForkFunctions() { return DefaultForkFunctions; }

bool ForkModel::endsChild(const FunctionDecl *Callee) { return inList(ChildEnders, Callee); }

bool ForkModel::isAsyncSignalSafe(const FunctionDecl *Callee) {
  if (inList(AsyncSignalSafe, Callee))
    return true;
  // Accessors of standard containers and strings only read memory the
  // parent prepared (`execvp(argv[0], argv.data())`).
  if (const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
      M && M->getParent()->isInStdNamespace()) {
    if (M->getOverloadedOperator() == OO_Subscript)
      return true;
    if (M->getDeclName().isIdentifier() &&
        llvm::is_contained(NonAllocatingAccessors, M->getName()))
      return true;
  }
  // Compiler builtins (__builtin_expect, ...), not library functions Clang
  // also knows as builtins (printf, malloc).
  return Callee && Callee->getBuiltinID() != 0 && Callee->getDeclName().isIdentifier() &&
         Callee->getName().starts_with("__builtin_");
}

std::vector<ForkSite> ForkModel::forks(const llvm::StringSet<> &ForkFunctions) {
  std::vector<ForkSite> Out;
  for (const FunctionDecl *F : Model.index().functions())
    for (const CallSite &C : Model.callGraph().callsIn(F)) {
      std::string Name = calleeName(C.Callee);
      if (!ForkFunctions.contains(Name))
        continue;
      bool IsCFork = isCFunction(C.Callee, "fork") || isCFunction(C.Callee, "vfork");
      Out.push_back({C.Call, F, !IsCFork});
    }
  return Out;
}

bool ForkModel::childCallIsSafe(const CallSite &C, unsigned Depth) {
  if (isAsyncSignalSafe(C.Callee) || endsChild(C.Callee))
    return true;
  if (Depth >= 4 || !Model.callGraph().isExplorable(C.Callee))
    return false;
  const FunctionDecl *Key = C.Callee->getCanonicalDecl();
  if (auto It = SafeFunctions.find(Key); It != SafeFunctions.end())
    return It->second;
  SafeFunctions[Key] = false; // recursion: not proven safe
  const FunctionDecl *Def = nullptr;
  C.Callee->hasBody(Def);
  bool Safe = true;
  for (const CallSite &Inner : Model.callGraph().callsIn(Def))
    if (!childCallIsSafe(Inner, Depth + 1)) {
      Safe = false;
      break;
    }
  SafeFunctions[Key] = Safe;
  return Safe;
}

const ChildBranch &ForkModel::childOf(const ForkSite &Fork) {
  auto &Slot = Children[Fork.Call];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<ChildBranch>();
  ChildBranch &Out = *Slot;
  const CFG *G = Model.cfg(Fork.In);
  if (!G || Fork.Opaque)
    return Out;
  auto BlockOf = blockOfElements(*G);
  const CFGBlock *ForkBlock = BlockOf.lookup(Fork.Call);
  if (!ForkBlock)
    return Out;
  llvm::DenseMap<const Expr *, const CallSite *> SiteOf;
  for (const CallSite &C : Model.callGraph().callsIn(Fork.In))
    SiteOf[C.Call] = &C;

  ForkValue Value{Fork.Call, nullptr};
  for (const auto &[Stored, Var] : Model.analysis<FunctionFacts>().of(Fork.In).StoredInto)
    if (ignoreCopiesAndMoves(Stored) == Fork.Call)
      Value.Var = Var;
  const ASTContext &Ctx = Model.astContext();

  // Everything reachable from the fork runs after it, in one process or both.
  std::deque<const CFGBlock *> Work{ForkBlock};
  Out.AfterForkBlocks.insert(ForkBlock->getBlockID());
  while (!Work.empty()) {
    const CFGBlock *B = Work.front();
    Work.pop_front();
    for (const CFGBlock::AdjacentBlock &S : B->succs())
      if (const CFGBlock *Succ = S.getReachableBlock())
        if (Out.AfterForkBlocks.insert(Succ->getBlockID()).second)
          Work.push_back(Succ);
  }

  // Find the first test that sends the child (pid 0) and the parent (pid > 0)
  // different ways; until then both run the same blocks.
  const CFGBlock *ChildStart = nullptr;
  llvm::DenseSet<unsigned> Shared;
  Work = {ForkBlock};
  Shared.insert(ForkBlock->getBlockID());
  while (!Work.empty() && !ChildStart) {
    const CFGBlock *B = Work.front();
    Work.pop_front();
    llvm::SmallVector<const CFGBlock *, 2> Next;
    const Stmt *Term = B->getTerminatorStmt();
    if (const auto *Switch = dyn_cast_or_null<SwitchStmt>(Term);
        Switch && Value.denotes(Switch->getCond())) {
      for (const CFGBlock::AdjacentBlock &S : B->succs()) {
        const CFGBlock *Succ = S.getReachableBlock();
        const auto *Case = Succ ? dyn_cast_or_null<CaseStmt>(Succ->getLabel()) : nullptr;
        Expr::EvalResult R;
        if (Case && Case->getLHS()->EvaluateAsInt(R, Ctx) && R.Val.getInt() == 0)
          ChildStart = Succ;
      }
      break;
    }
    auto AsChild = Value.evaluate(*B, 0, Ctx);
    auto AsParent = Value.evaluate(*B, 4242, Ctx);
    if (AsChild && AsParent) { // a two-way branch on fork()'s result
      const CFGBlock *ChildSucc = (B->succ_begin() + (*AsChild ? 0 : 1))->getReachableBlock();
      if (*AsChild != *AsParent) {
        ChildStart = ChildSucc;
        break;
      }
      if (ChildSucc)
        Next.push_back(ChildSucc); // e.g. `if (pid < 0)`: both go on
    } else {
      for (const CFGBlock::AdjacentBlock &S : B->succs())
        if (const CFGBlock *Succ = S.getReachableBlock())
          Next.push_back(Succ);
    }
    for (const CFGBlock *Succ : Next)
      if (Shared.size() < 64 && Shared.insert(Succ->getBlockID()).second)
        Work.push_back(Succ);
  }

  auto CallsOf = [&](const CFGBlock &B, std::vector<const CallSite *> &Into) {
    bool AfterFork = &B != ForkBlock;
    for (const CFGElement &E : B)
      if (auto S = E.getAs<CFGStmt>()) {
        if (S->getStmt() == Fork.Call)
          AfterFork = true;
        else if (const CallSite *C = SiteOf.lookup(dyn_cast<Expr>(S->getStmt())); C && AfterFork)
          Into.push_back(C);
      }
  };

  if (!ChildStart) {
    // Untested: both processes run everything after the fork. If the
    // function returns fork()'s result, the child returns to a caller that
    // may test it: it goes back into the program.
    Out.Result = ChildBranch::Untested;
    for (const CFGBlock *B : *G)
      if (Out.AfterForkBlocks.count(B->getBlockID()))
        for (const CFGElement &E : *B)
          if (auto S = E.getAs<CFGStmt>())
            if (const auto *Ret = dyn_cast<ReturnStmt>(S->getStmt());
                Ret && Value.denotes(Ret->getRetValue()))
              Out.Result = ChildBranch::ReturnsIntoProgram;
    Out.ChildBlocks = Out.AfterForkBlocks;
    for (const CFGBlock *B : *G)
      if (Out.AfterForkBlocks.count(B->getBlockID()))
        CallsOf(*B, Out.ChildCalls);
    Out.ParentCalls = Out.ChildCalls;
    return Out;
  }

  // Walk the child: the first call that is neither async-signal-safe nor
  // an exec/_exit decides; reaching the function's exit means the child
  // returns into the program.
  Out.Result = ChildBranch::ExecsAtOnce;
  Work = {ChildStart};
  Out.ChildBlocks.insert(ChildStart->getBlockID());
  while (!Work.empty()) {
    const CFGBlock *B = Work.front();
    Work.pop_front();
    if (B == &G->getExit() && Out.Result == ChildBranch::ExecsAtOnce)
      Out.Result = ChildBranch::ReturnsIntoProgram;
    bool Ended = false;
    for (const CFGElement &E : *B) {
      auto S = E.getAs<CFGStmt>();
      const CallSite *C = S ? SiteOf.lookup(dyn_cast<Expr>(S->getStmt())) : nullptr;
      if (!C)
        continue;
      Out.ChildCalls.push_back(C);
      if (endsChild(C->Callee)) {
        Ended = true;
        break;
      }
      if (Out.Result == ChildBranch::ExecsAtOnce && !childCallIsSafe(*C, 0)) {
        Out.Result = ChildBranch::CallsBeforeExec;
        Out.FirstUnsafeCall = C->Call;
        Out.UnsafeCallee = C->Callee;
      }
    }
    if (Ended)
      continue;
    for (const CFGBlock::AdjacentBlock &S : B->succs())
      if (const CFGBlock *Succ = S.getReachableBlock())
        if (Out.ChildBlocks.insert(Succ->getBlockID()).second)
          Work.push_back(Succ);
  }
  for (const CFGBlock *B : *G)
    if (Out.AfterForkBlocks.count(B->getBlockID()) && !Out.ChildBlocks.count(B->getBlockID()))
      CallsOf(*B, Out.ParentCalls);
  return Out;
}

bool ForkModel::startsThread(const Stmt *St, const FunctionDecl *In, const ValueDecl *&Scope) {
  Scope = nullptr;
  const auto *E = dyn_cast<Expr>(St);
  if (!E)
    return false;
  const BodyFacts &Facts = Model.analysis<FunctionFacts>().of(In);
  auto LocalStoring = [&](const Expr *Value) -> const VarDecl * {
    for (const auto &[Stored, Var] : Facts.StoredInto)
      if (ignoreCopiesAndMoves(Stored) == Value && Var->hasLocalStorage() &&
          !Var->getType()->isReferenceType())
        return Var;
    return nullptr;
  };
  if (const SpawnSite *S = Spawns.at(E)) {
    switch (S->Kind) {
    case SpawnKind::Async:
      if (Facts.Discarded.count(E) || S->Policy == LaunchPolicy::Deferred)
        return false; // the temporary's destructor waits at once / no thread
      Scope = LocalStoring(E);
      return true;
    case SpawnKind::Thread:
    case SpawnKind::JThread:
      Scope = LocalStoring(E);
      // `threads.emplace_back(f)`: the container (a local or a field)
      // holds the thread.
      if (!Scope)
        if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
          const Expr *Obj = MC->getImplicitObjectArgument()->IgnoreParenImpCasts();
          if (const auto *Ref = dyn_cast<DeclRefExpr>(Obj)) {
            if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()); V && V->hasLocalStorage())
              Scope = V;
          } else if (const auto *Member = dyn_cast<MemberExpr>(Obj)) {
            Scope = dyn_cast<FieldDecl>(Member->getMemberDecl());
          }
        }
      return true;
    case SpawnKind::PoolSubmit: {
      PoolModel &Pools = Model.analysis<PoolModel>();
      const auto *Pool = dyn_cast_or_null<VarDecl>(Pools.poolKey(S->Pool));
      if (Pool && Pool->hasLocalStorage() && !Pool->getType()->isReferenceType() &&
          !Pool->getType()->isPointerType())
        Scope = Pool;
      return true;
    }
    case SpawnKind::PThread:
      return true;
    }
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    const CXXRecordDecl *RD = CE->getConstructor()->getParent();
    static const PoolConfig Defaults;
    if (genericName(RD) != "concur::ProcessPool" && Defaults.isPoolType(RD) &&
        !CE->getConstructor()->isCopyOrMoveConstructor()) {
      Scope = LocalStoring(E);
      return true;
    }
  }
  return false;
}

void ForkModel::transfer(const FunctionDecl *F, LiveSet &S, const Stmt *St) {
  const ValueDecl *Scope = nullptr;
  if (startsThread(St, F, Scope)) {
    Live L{Scope, cast<Expr>(St), {}};
    if (!llvm::is_contained(S, L))
      S.push_back(L);
    return;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(St)) {
    const Expr *Obj = MC->getImplicitObjectArgument()->IgnoreParenImpCasts();
    llvm::StringRef Method =
        MC->getMethodDecl()->getDeclName().isIdentifier() ? MC->getMethodDecl()->getName() : "";
    const auto *Ref = dyn_cast<DeclRefExpr>(Obj);
    const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (V && (Method == "join" || Method == "get" || Method == "wait" || Method == "detach") &&
        isThreadOrFutureClass(classOfType(V->getType()))) {
      // `for (auto &t : threads) t.join();` ends the threads of containers.
      for (Live &L : S) {
        bool Mine = L.Scope == V || (V->isCXXForRangeDecl() && L.Scope &&
                                     !isThreadOrFutureClass(classOfType(L.Scope->getType())));
        if (!Mine)
          continue;
        if (Method == "detach")
          L.Scope = nullptr; // runs on, unscoped
        else
          L.Start = nullptr; // ended: erased below
      }
      llvm::erase_if(S, [](const Live &L) { return !L.Start; });
      return;
    }
  }
  if (const auto *Call = dyn_cast<Expr>(St)) {
    const FunctionDecl *Callee = CallGraph::calleeOf(Call);
    if (!Callee || !Model.callGraph().isExplorable(Callee))
      return;
    if (joinsContainers(Callee, 0)) {
      // `crawler.stop()` joining the workers `crawler.start()` emplaced.
      llvm::erase_if(S, [](const Live &L) {
        return L.Scope && !isThreadOrFutureClass(classOfType(L.Scope->getType()));
      });
      return;
    }
    const LiveSet &Left = leftRunning(Callee, 0);
    if (Left.empty())
      return;
    const CallSite *Hop = nullptr;
    for (const CallSite &C : Model.callGraph().callsIn(F))
      if (C.Call == Call)
        Hop = &C;
    if (!Hop)
      return;
    // Threads held by a field stay tied to it: a later call may join them.
    const ValueDecl *Kept = Left.front().Scope;
    Live L{Kept && isa<FieldDecl>(Kept) ? Kept : nullptr, Left.front().Start, {Hop}};
    L.ToStart.append(Left.front().ToStart.begin(), Left.front().ToStart.end());
    if (!llvm::is_contained(S, L))
      S.push_back(L);
  }
}

bool ForkModel::joinsContainers(const FunctionDecl *F, unsigned Depth) {
  const FunctionDecl *Def = nullptr;
  if (!F->hasBody(Def) || Depth > 3)
    return false;
  if (auto It = JoinsContainers.find(Def); It != JoinsContainers.end())
    return It->second;
  JoinsContainers[Def] = false; // recursion
  bool Joins = false;
  for (const CallSite &C : Model.callGraph().callsIn(Def)) {
    const auto *MC = dyn_cast<CXXMemberCallExpr>(C.Call);
    const auto *Ref = MC ? dyn_cast<DeclRefExpr>(
                               MC->getImplicitObjectArgument()->IgnoreParenImpCasts())
                         : nullptr;
    const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if ((V && V->isCXXForRangeDecl() && C.Callee->getDeclName().isIdentifier() &&
         (C.Callee->getName() == "join" || C.Callee->getName() == "get" ||
          C.Callee->getName() == "wait") &&
         isThreadOrFutureClass(classOfType(V->getType()))) ||
        (Model.callGraph().isExplorable(C.Callee) && joinsContainers(C.Callee, Depth + 1))) {
      Joins = true;
      break;
    }
  }
  return JoinsContainers[Def] = Joins;
}

ForkModel::FunctionFlow &ForkModel::flowOf(const FunctionDecl *F) {
  auto &Slot = Flows[F];
  if (!Slot)
    Slot = std::make_unique<FunctionFlow>();
  FunctionFlow &Flow = *Slot;
  if (Flow.Built)
    return Flow;
  Flow.Built = true;
  if (const CFG *G = Model.cfg(F))
    Flow.In = solveForward(
        *G, LiveSet{}, [&](LiveSet &S, const CFGElement &E) { transferElement(F, S, E); },
        [](LiveSet &, const CFGBlock &, unsigned) {},
        [](LiveSet &Into, const LiveSet &From) {
          for (const Live &L : From)
            if (!llvm::is_contained(Into, L))
              Into.push_back(L);
        });
  return Flow;
}

void ForkModel::transferElement(const FunctionDecl *F, LiveSet &S, const CFGElement &E) {
  if (auto CS = E.getAs<CFGStmt>())
    transfer(F, S, CS->getStmt());
  else if (auto D = E.getAs<CFGAutomaticObjDtor>())
    llvm::erase_if(S, [&](const Live &L) { return L.Scope && L.Scope == D->getVarDecl(); });
}

ForkModel::LiveSet ForkModel::liveBefore(const FunctionDecl *F, const Stmt *At) {
  FunctionFlow &Flow = flowOf(F);
  const CFG *G = Model.cfg(F);
  if (!G)
    return {};
  for (const CFGBlock *B : *G) {
    if (!Flow.In[B->getBlockID()])
      continue;
    LiveSet S = *Flow.In[B->getBlockID()];
    for (const CFGElement &E : *B) {
      if (auto CS = E.getAs<CFGStmt>(); CS && CS->getStmt() == At)
        return S;
      transferElement(F, S, E);
    }
  }
  return {};
}

const ForkModel::LiveSet &ForkModel::leftRunning(const FunctionDecl *F, unsigned Depth) {
  static const LiveSet None;
  const FunctionDecl *Def = nullptr;
  if (!F->hasBody(Def))
    return None;
  if (auto It = LeftRunning.find(Def); It != LeftRunning.end())
    return *It->second;
  if (Depth > 6 || !InProgress.insert(Def).second)
    return None;
  FunctionFlow &Flow = flowOf(Def);
  LiveSet Out;
  const CFG *G = Model.cfg(Def);
  if (G && !Flow.In.empty() && Flow.In[G->getExit().getBlockID()])
    for (const Live &L : *Flow.In[G->getExit().getBlockID()])
      Out.push_back({L.Scope && isa<FieldDecl>(L.Scope) ? L.Scope : nullptr, L.Start,
                     L.ToStart});
  InProgress.erase(Def);
  auto &Slot = LeftRunning[Def];
  Slot = std::make_unique<LiveSet>(std::move(Out));
  return *Slot;
}

std::optional<ThreadEvidence> ForkModel::threadsAt(const ForkSite &Fork) {
  // 1. The fork runs on a spawned thread.
  for (const SpawnSite &S : Spawns.all())
    for (const FunctionDecl *Entry : S.Entries) {
      CallGraph::SearchLimits Limits;
      auto Paths = Model.callGraph().findPaths(
          Entry, [&](const CallSite &C) { return C.Call == Fork.Call; }, Limits);
      if (!Paths.empty()) {
        ThreadEvidence E;
        E.Start = S.Site;
        E.RunsOn = &S;
        E.ToFork = Paths.front();
        return E;
      }
      if (Entry->getCanonicalDecl() == Fork.In->getCanonicalDecl()) {
        ThreadEvidence E;
        E.Start = S.Site;
        E.RunsOn = &S;
        return E;
      }
    }

  // 2. Threads live before the fork in its function, or at the call of the
  // forking function in a caller (breadth-first up the callers).
  if (!Callers) {
    Callers.emplace();
    for (const FunctionDecl *F : Model.index().functions())
      for (const CallSite &C : Model.callGraph().callsIn(F))
        if (C.Callee)
          (*Callers)[C.Callee->getCanonicalDecl()].push_back({F, &C});
  }
  struct Item {
    const FunctionDecl *F;
    const Stmt *At;
    CallPath ToFork;
  };
  std::deque<Item> Work{{Fork.In, Fork.Call, {}}};
  llvm::DenseSet<const FunctionDecl *> Seen{Fork.In->getCanonicalDecl()};
  while (!Work.empty()) {
    Item I = std::move(Work.front());
    Work.pop_front();
    LiveSet Live = liveBefore(I.F, I.At);
    if (!Live.empty()) {
      ThreadEvidence E;
      E.Start = Live.front().Start;
      E.ToStart = Live.front().ToStart;
      E.ToFork = I.ToFork;
      return E;
    }
    if (I.ToFork.size() >= 4)
      continue;
    auto It = Callers->find(I.F->getCanonicalDecl());
    if (It == Callers->end())
      continue;
    for (const auto &[Caller, C] : It->second) {
      if (!Seen.insert(Caller->getCanonicalDecl()).second)
        continue;
      CallPath Path{C};
      Path.append(I.ToFork.begin(), I.ToFork.end());
      Work.push_back({Caller, C->Call, std::move(Path)});
    }
  }
  return std::nullopt;
}

} // namespace concur
