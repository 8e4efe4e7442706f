#include "ChannelOrder.h"

#include "AtomicClaims.h"
#include "CallGraph.h"
#include "Dataflow.h"
#include "ExprWrappers.h"
#include "QualifiedNames.h"
#include "TranslationUnitIndex.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/CFG.h"

using namespace clang;

namespace concur {

struct ChannelOrder::Event {
  const CFGBlock *Block = nullptr;
  int Index = 0; ///< element index in Block; -1: on entering it
  const ValueDecl *Channel = nullptr;
  bool Signals = false, Waits = false;
};

struct ChannelOrder::FunctionEvents {
  const CFG *Graph = nullptr;
  std::unique_ptr<CFGDomTree> Dom;
  std::unique_ptr<CFGPostDomTree> PostDom;
  /// Each statement's element: its block and index.
  llvm::DenseMap<const Stmt *, std::pair<const CFGBlock *, int>> Position;
  std::vector<Event> Events;
  ChannelSet AlwaysSignals, AlwaysWaits; ///< on every path through the body
};

namespace {

const Expr *strip(const Expr *E) {
  return E ? ignoreValueWrappers(E)->IgnoreParenImpCasts() : nullptr;
}

/// The variable or field \p E names: `s`, `&s`, `this->s_`, `p->s`,
/// `fds[1]` (the array).
const ValueDecl *nameOf(const Expr *E) {
  E = E ? strip(E)->IgnoreParenCasts() : nullptr; // (sockaddr *)&address
  while (E) {
    if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenCasts();
    else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
      E = A->getBase()->IgnoreParenCasts();
    else
      break;
  }
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *M = dyn_cast_or_null<MemberExpr>(E))
    return M->getMemberDecl();
  return nullptr;
}

bool isOneOf(const FunctionDecl *F, std::initializer_list<llvm::StringRef> Names) {
  return llvm::any_of(Names, [&](llvm::StringRef N) { return isCFunction(F, N); });
}

bool isAtomic(const ValueDecl *D) { return D && isAtomicClaim(LockId{D}); }

/// A memory order argument of `memory_order_relaxed` (or 0, as the
/// builtins take it): no ordering.
bool relaxed(const Expr *Order, const ASTContext &Ctx) {
  if (!Order)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Order->IgnoreParenImpCasts()))
    return Ref->getDecl()->getName().contains("relaxed");
  std::optional<llvm::APSInt> Value = constantOf(Order, Ctx);
  return Value && *Value == 0;
}

/// The atomic flag \p S stores into, with release or stronger ordering:
/// `ready.store(true)`, `ready = true` (std::atomic or C11 _Atomic),
/// C11 `atomic_store(&ready, 1)`.
const ValueDecl *atomicStored(const Stmt *S, const ASTContext &Ctx) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  E = E ? strip(E) : nullptr;
  const ValueDecl *D = nullptr;
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (M && M->getIdentifier() && M->getName() == "store" &&
        !(MC->getNumArgs() >= 2 && relaxed(MC->getArg(1), Ctx)))
      D = nameOf(MC->getImplicitObjectArgument());
  } else if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(E)) {
    if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
      D = nameOf(OC->getArg(0));
  } else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Assign && BO->getLHS()->getType()->isAtomicType())
      D = nameOf(BO->getLHS());
  } else if (const auto *AE = dyn_cast_or_null<AtomicExpr>(E)) {
    AtomicExpr::AtomicOp Op = AE->getOp();
    if ((Op == AtomicExpr::AO__c11_atomic_store || Op == AtomicExpr::AO__atomic_store_n ||
         Op == AtomicExpr::AO__atomic_store) &&
        !relaxed(AE->getOrder(), Ctx))
      D = nameOf(AE->getPtr());
  }
  return isAtomic(D) ? D : nullptr;
}

/// The atomic flag a branch condition loads, with acquire or stronger
/// ordering: `ready.load()`, `ready` (converted), C11 `atomic_load(&ready)`.
const ValueDecl *atomicLoaded(const Expr *Tested, const ASTContext &Ctx) {
  const Expr *E = Tested ? strip(Tested) : nullptr;
  const ValueDecl *D = nullptr;
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    bool Load = M && M->getIdentifier() && M->getName() == "load" &&
                !(MC->getNumArgs() >= 1 && relaxed(MC->getArg(0), Ctx));
    if (Load || isa_and_nonnull<CXXConversionDecl>(M))
      D = nameOf(MC->getImplicitObjectArgument());
  } else if (const auto *AE = dyn_cast_or_null<AtomicExpr>(E)) {
    AtomicExpr::AtomicOp Op = AE->getOp();
    if ((Op == AtomicExpr::AO__c11_atomic_load || Op == AtomicExpr::AO__atomic_load_n) &&
        !relaxed(AE->getOrder(), Ctx))
      D = nameOf(AE->getPtr());
  } else if (E && E->getType()->isAtomicType()) {
    D = nameOf(E); // a C11 _Atomic read
  }
  return isAtomic(D) ? D : nullptr;
}

/// `std::counting_semaphore`, `std::future`, ...: the class of a member
/// call's object (std::future's wait() is declared in a private base).
std::string classOfCall(const CXXMemberCallExpr *MC) {
  const Expr *Object = MC->getImplicitObjectArgument();
  const CXXRecordDecl *RD =
      Object ? classOfType(Object->IgnoreParenImpCasts()->getType()) : nullptr;
  return RD ? genericName(RD) : std::string();
}

} // namespace

/// What the whole TU says about channel names: which arrays are pipes,
/// which descriptors are ends of them or were accepted on a socket, which
/// semaphores start above zero, which promise a future came from.
struct ChannelOrder::TranslationUnitChannels {
  llvm::DenseMap<const ValueDecl *, const ValueDecl *> Alias;
  llvm::DenseSet<const ValueDecl *> NotChannels;

  const ValueDecl *resolve(const ValueDecl *D) const {
    for (unsigned Hops = 0; D && Hops < 4; ++Hops) {
      auto It = Alias.find(D);
      if (It == Alias.end() || It->second == D)
        break;
      D = It->second;
    }
    return D;
  }

  void collect(const FunctionDecl *F, const ASTContext &Ctx);

private:
  void noteValue(const ValueDecl *Into, const Expr *Value);
  void noteCall(const CallExpr *Call, const ASTContext &Ctx);
};

void ChannelOrder::TranslationUnitChannels::noteValue(const ValueDecl *Into, const Expr *Value) {
  Value = strip(Value);
  if (!Into || !Value)
    return;
  if (const auto *Call = dyn_cast<CallExpr>(Value)) {
    // A descriptor accepted on a listening socket talks to whoever
    // connected to that socket's address.
    if (isOneOf(Call->getDirectCallee(), {"accept", "accept4"}) && Call->getNumArgs() >= 1) {
      if (const ValueDecl *Listening = nameOf(Call->getArg(0)))
        Alias[Into] = Listening;
      return;
    }
    // A future is the promise's other end.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
        MC && classOfCall(MC) == "std::promise" && MC->getMethodDecl()->getIdentifier() &&
        MC->getMethodDecl()->getName() == "get_future")
      if (const ValueDecl *Promise = nameOf(MC->getImplicitObjectArgument()))
        Alias[Into] = Promise;
    return;
  }
  // An end of a pipe: `notify_fd = fds[1]` is the pipe `fds`.
  if (isa<ArraySubscriptExpr>(Value))
    if (const ValueDecl *Array = nameOf(Value); Array && Array != Into)
      Alias[Into] = Array;
}

void ChannelOrder::TranslationUnitChannels::noteCall(const CallExpr *Call,
                                                     const ASTContext &Ctx) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  // bind() and connect() name a socket by the address it listens on or
  // talks to.
  if (isOneOf(Callee, {"bind", "connect"}) && Call->getNumArgs() >= 2) {
    const ValueDecl *Socket = nameOf(Call->getArg(0)), *Address = nameOf(Call->getArg(1));
    if (Socket && Address && Socket != Address)
      Alias[Socket] = Address;
    return;
  }
  // A semaphore that starts above one counts a resource.
  if (isCFunction(Callee, "sem_init") && Call->getNumArgs() == 3) {
    std::optional<llvm::APSInt> Count = constantOf(Call->getArg(2), Ctx);
    if (Count && *Count > 1)
      if (const ValueDecl *Sem = nameOf(Call->getArg(0)))
        NotChannels.insert(Sem);
  }
}

void ChannelOrder::TranslationUnitChannels::collect(const FunctionDecl *F,
                                                    const ASTContext &Ctx) {
  const Stmt *Body = F->getBody();
  if (!Body)
    return;
  llvm::SmallVector<const Stmt *, 32> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      noteCall(Call, Ctx);
    if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->getOpcode() == BO_Assign)
      noteValue(nameOf(BO->getLHS()), BO->getRHS());
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S);
        OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
      noteValue(nameOf(OC->getArg(0)), OC->getArg(1));
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && V->getInit())
          noteValue(V, V->getInit());
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
}

namespace {

/// The channel event one call is, if any: its channel (unresolved) and
/// whether it signals and/or waits.
struct CallEvent {
  const ValueDecl *Channel = nullptr;
  bool Signals = false, Waits = false;
};

std::optional<CallEvent> posixEvent(const CallExpr *Call) {
  const FunctionDecl *F = Call->getDirectCallee();
  if (!F || Call->getNumArgs() == 0)
    return std::nullopt;
  CallEvent E;
  if (isOneOf(F, {"sem_post", "write", "send", "sendto", "sendmsg", "writev"}))
    E.Signals = true;
  else if (isOneOf(F, {"sem_wait", "read", "recv", "recvfrom", "recvmsg", "readv", "accept",
                       "accept4"}))
    E.Waits = true;
  else if (isCFunction(F, "pthread_barrier_wait"))
    E.Signals = E.Waits = true;
  else if (isCFunction(F, "connect") && Call->getNumArgs() >= 2) {
    // Connecting signals whoever accepts on the address.
    E.Signals = true;
    E.Channel = nameOf(Call->getArg(1));
    return E.Channel ? std::optional(E) : std::nullopt;
  } else
    return std::nullopt;
  E.Channel = nameOf(Call->getArg(0));
  return E.Channel ? std::optional(E) : std::nullopt;
}

std::optional<CallEvent> libraryEvent(const CXXMemberCallExpr *MC) {
  const CXXMethodDecl *M = MC->getMethodDecl();
  if (!M || !M->getIdentifier())
    return std::nullopt;
  std::string Class = classOfCall(MC);
  llvm::StringRef N = M->getName();
  CallEvent E;
  if (Class == "std::counting_semaphore") {
    E.Signals = N == "release";
    E.Waits = N == "acquire";
  } else if (Class == "std::latch" || Class == "std::barrier") {
    E.Signals = N == "count_down" || N == "arrive" || N == "arrive_and_wait";
    E.Waits = N == "wait" || N == "arrive_and_wait";
  } else if (Class == "std::promise") {
    E.Signals = N.starts_with("set_value") || N.starts_with("set_exception");
  } else if (Class == "std::future" || Class == "std::shared_future") {
    E.Waits = N == "get" || N == "wait";
  } else if (Class == "absl::Notification") { // Python's threading.Event
    E.Signals = N == "Notify";
    E.Waits = N == "WaitForNotification";
  } else if (Class == "Poco::Event") {
    E.Signals = N == "set";
    E.Waits = N == "wait";
  }
  if (!E.Signals && !E.Waits)
    return std::nullopt;
  E.Channel = nameOf(MC->getImplicitObjectArgument());
  return E.Channel ? std::optional(E) : std::nullopt;
}

/// A std::counting_semaphore declared with a count above one: a semaphore
/// guarding a resource, which orders nothing. (A latch with any count
/// still orders.)
bool startsAboveOne(const ValueDecl *D, const ASTContext &Ctx) {
  const Expr *Init = nullptr;
  if (const auto *V = dyn_cast<VarDecl>(D))
    Init = V->getInit();
  else if (const auto *F = dyn_cast<FieldDecl>(D))
    Init = F->getInClassInitializer();
  const CXXRecordDecl *RD = classOfType(D->getType());
  if (!RD || genericName(RD) != "std::counting_semaphore" || !Init)
    return false;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(strip(Init));
      Construct && Construct->getNumArgs() >= 1)
    if (std::optional<llvm::APSInt> Count = constantOf(Construct->getArg(0), Ctx))
      return *Count > 1;
  return false;
}

} // namespace

ChannelOrder::ChannelOrder(ConcurrencyModel &Model)
    : Model(Model), Names(std::make_unique<TranslationUnitChannels>()) {
  for (const FunctionDecl *F : Model.index().functions())
    Names->collect(F, Model.astContext());
}

ChannelOrder::~ChannelOrder() = default;

ChannelOrder::FunctionEvents *ChannelOrder::eventsOf(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || InProgress.contains(Def))
    return nullptr;
  if (auto It = Events.find(Def); It != Events.end())
    return It->second.get();
  const CFG *Graph = Model.cfg(Def);
  if (!Graph)
    return nullptr;
  InProgress.insert(Def);
  auto Out = std::make_unique<FunctionEvents>();
  Out->Graph = Graph;
  collect(*Out);
  InProgress.erase(Def);
  return (Events[Def] = std::move(Out)).get();
}

void ChannelOrder::collect(FunctionEvents &Out) {
  const ASTContext &Ctx = Model.astContext();
  auto *Graph = const_cast<CFG *>(Out.Graph);
  Out.Dom = std::make_unique<CFGDomTree>(Graph);
  Out.PostDom = std::make_unique<CFGPostDomTree>(Graph);
  auto Add = [&](const CFGBlock *B, int Index, const ValueDecl *Channel, bool Signals,
                 bool Waits) {
    Channel = Names->resolve(Channel);
    if (Channel && !Names->NotChannels.contains(Channel) && !startsAboveOne(Channel, Ctx))
      Out.Events.push_back({B, Index, Channel, Signals, Waits});
  };
  for (const CFGBlock *B : *Graph) {
    int Index = 0;
    for (const CFGElement &Element : *B) {
      std::optional<CFGStmt> CS = Element.getAs<CFGStmt>();
      if (!CS) {
        ++Index;
        continue;
      }
      const Stmt *S = CS->getStmt();
      llvm::SmallVector<const Stmt *, 8> Work{S};
      while (!Work.empty()) {
        const Stmt *Sub = Work.pop_back_val();
        if (!Sub || isa<LambdaExpr>(Sub) || !Out.Position.try_emplace(Sub, B, Index).second)
          continue;
        llvm::append_range(Work, Sub->children());
      }
      std::optional<CallEvent> E;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S))
        E = libraryEvent(MC);
      else if (const auto *Call = dyn_cast<CallExpr>(S))
        E = posixEvent(Call);
      if (E)
        Add(B, Index, E->Channel, E->Signals, E->Waits);
      if (const ValueDecl *Flag = atomicStored(S, Ctx))
        Add(B, Index, Flag, true, false);
      // A function-local static's initialiser finishes before any thread
      // goes past its declaration.
      if (const auto *DS = dyn_cast<DeclStmt>(S); DS && DS->isSingleDecl())
        if (const auto *V = dyn_cast<VarDecl>(DS->getSingleDecl());
            V && V->isStaticLocal() && V->getInit() && !V->hasConstantInitialization())
          Add(B, Index, V, true, true);
      // A callee that signals (or waits) on every path is a signal (a
      // wait) at its call.
      if (const FunctionDecl *Callee = CallGraph::calleeOf(S);
          Callee && Model.callGraph().isExplorable(Callee))
        if (FunctionEvents *Sub = eventsOf(Callee)) {
          llvm::SmallVector<const Expr *, 4> Args = CallGraph::argumentsOf(cast<Expr>(S));
          // The callee's parameter is the caller's argument.
          auto AtCall = [&](const ValueDecl *C) -> const ValueDecl * {
            if (!isa<ParmVarDecl>(C))
              return C;
            const Expr *Arg = CallGraph::argumentFor(C, Callee, Args);
            return Arg ? CallGraph::argumentObject(Arg) : nullptr;
          };
          for (const ValueDecl *C : Sub->AlwaysSignals)
            Add(B, Index, AtCall(C), true, false);
          for (const ValueDecl *C : Sub->AlwaysWaits)
            Add(B, Index, AtCall(C), false, true);
        }
      ++Index;
    }
  }
  // The edge on which a branch saw an atomic flag set has waited for it;
  // the block it enters must have no other way in.
  for (const CFGBlock *B : *Graph)
    if (std::optional<BranchTest> T = branchTest(*B))
      if (const ValueDecl *Flag = atomicLoaded(T->Tested, Ctx))
        for (unsigned I = 0; I < 2; ++I)
          if (const CFGBlock *Next = B->succ_begin()[I].getReachableBlock();
              Next && T->truthyAlong(I) && Next->pred_size() == 1)
            Add(Next, -1, Flag, false, true);
  const CFGBlock &Entry = Graph->getEntry(), &Exit = Graph->getExit();
  for (const Event &E : Out.Events) {
    if (E.Signals && Out.PostDom->dominates(E.Block, &Entry) &&
        !llvm::is_contained(Out.AlwaysSignals, E.Channel))
      Out.AlwaysSignals.push_back(E.Channel);
    if (E.Waits && Out.Dom->dominates(E.Block, &Exit) &&
        !llvm::is_contained(Out.AlwaysWaits, E.Channel))
      Out.AlwaysWaits.push_back(E.Channel);
  }
}

const ValueDecl *ChannelOrder::fromRoot(const ValueDecl *Channel, size_t Level,
                                        const Access &A, Root From) const {
  for (size_t L = Level + 1; L-- > 0 && Channel;) {
    const FunctionDecl *F = L == 0 ? From.Function : A.Chain[L - 1]->Callee;
    llvm::SmallVector<const Expr *, 4> Args =
        L == 0 ? llvm::SmallVector<const Expr *, 4>(From.Arguments)
               : CallGraph::argumentsOf(A.Chain[L - 1]->Call);
    const Expr *Arg = CallGraph::argumentFor(Channel, F, Args);
    if (!Arg)
      return Channel;
    Channel = Names->resolve(CallGraph::argumentObject(Arg));
  }
  return Channel;
}

ChannelSet ChannelOrder::around(const Access &A, Root From, bool After) {
  ChannelSet Out;
  const FunctionDecl *F = From.Function;
  for (size_t Level = 0; F && Level <= A.Chain.size(); ++Level) {
    const Stmt *At = Level < A.Chain.size() ? A.Chain[Level]->Call : A.Site;
    FunctionEvents *FE = eventsOf(F);
    if (!FE)
      break;
    auto Pos = FE->Position.find(At);
    if (Pos != FE->Position.end()) {
      auto [Block, Index] = Pos->second;
      for (const Event &E : FE->Events) {
        if (After ? !E.Signals : !E.Waits)
          continue;
        bool Holds = E.Block == Block
                         ? (After ? E.Index > Index : E.Index < Index)
                         : (After ? FE->PostDom->dominates(E.Block, Block)
                                  : FE->Dom->dominates(E.Block, Block));
        const ValueDecl *Channel = Holds ? fromRoot(E.Channel, Level, A, From) : nullptr;
        if (Channel && !llvm::is_contained(Out, Channel))
          Out.push_back(Channel);
      }
    }
    F = Level < A.Chain.size() ? A.Chain[Level]->Callee : nullptr;
  }
  return Out;
}

ChannelSet ChannelOrder::signalledAfter(const Access &A, Root From) {
  return around(A, From, /*After=*/true);
}

ChannelSet ChannelOrder::awaitedBefore(const Access &A, Root From) {
  return around(A, From, /*After=*/false);
}

bool ChannelOrder::ordered(const Access &Before, Root BeforeRoot, const Access &After,
                           Root AfterRoot) {
  ChannelSet Signalled = signalledAfter(Before, BeforeRoot);
  if (Signalled.empty())
    return false;
  ChannelSet Awaited = awaitedBefore(After, AfterRoot);
  return llvm::any_of(Signalled, [&](const ValueDecl *C) { return llvm::is_contained(Awaited, C); });
}

} // namespace concur
