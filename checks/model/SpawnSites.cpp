#include "SpawnSites.h"

#include "CallGraph.h"
#include "ExprWrappers.h"
#include "QualifiedNames.h"
#include "ThreadTypes.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"

using namespace clang;

namespace concur {
namespace {

constexpr const char *DefaultSubmit[] = {
    "concur::ThreadPool::submit",      "concur::ThreadPool::map",
    "concur::EventLoop::run_in_executor", "concur::ProcessPool::submit",
    "BS::thread_pool::submit_task",    "BS::thread_pool::detach_task",
    "BS::thread_pool::submit",         "BS::thread_pool::push_task",
    "BS::thread_pool::submit_loop",    "BS::thread_pool::detach_loop",
    "boost::asio::post",               "boost::asio::dispatch",
    "boost::asio::defer",
};

/// The callable an argument denotes: through copies, moves and `&f`.
const Expr *stripWrappers(const Expr *E) {
  while (E) {
    E = ignoreCopiesAndMoves(E);
    const auto *U = dyn_cast<UnaryOperator>(E);
    if (!U || U->getOpcode() != UO_AddrOf)
      return E;
    E = U->getSubExpr();
  }
  return E;
}

void addCallOperators(const CXXRecordDecl *RD,
                      llvm::SmallVector<const FunctionDecl *, 1> &Out) {
  if (!RD || !RD->hasDefinition())
    return;
  RD = RD->getDefinition();
  for (const Decl *D : RD->decls()) {
    if (const auto *M = dyn_cast<CXXMethodDecl>(D)) {
      if (M->getOverloadedOperator() == OO_Call && M->doesThisDeclarationHaveABody())
        Out.push_back(M);
    } else if (const auto *T = dyn_cast<FunctionTemplateDecl>(D)) {
      if (T->getTemplatedDecl()->getOverloadedOperator() == OO_Call)
        for (const FunctionDecl *Spec : T->specializations())
          if (Spec->doesThisDeclarationHaveABody())
            Out.push_back(Spec);
    }
  }
}

// For `c.emplace_back(f, args...)` / `c.emplace(...)` on a container of
// std::thread or std::jthread that constructs a new thread from a callable:
// the element class name; empty otherwise.
std::string threadContainerElement(const CallSite &C,
                                   llvm::ArrayRef<const Expr *> Args) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(C.ObjectClass);
  if (!Spec || Args.empty() || !isa<CXXMemberCallExpr>(C.Call) ||
      (C.Callee->getName() != "emplace_back" && C.Callee->getName() != "emplace"))
    return {};
  const TemplateArgumentList &TA = Spec->getTemplateArgs();
  if (TA.size() == 0 || TA[0].getKind() != TemplateArgument::Type)
    return {};
  const CXXRecordDecl *Element = classOfType(TA[0].getAsType());
  if (!isStdThread(Element))
    return {};
  std::string Name = genericName(Element);
  // emplace_back(std::thread(...)) moves a thread constructed by the user.
  if (classOfType(Args[0]->getType()) == Element)
    return {};
  return Name;
}

} // namespace

llvm::SmallVector<const FunctionDecl *, 1> resolveCallable(const Expr *Callable,
                                                           const LambdaExpr **Lambda) {
  llvm::SmallVector<const FunctionDecl *, 1> Out;
  const Expr *E = stripWrappers(Callable);
  if (!E)
    return Out;
  // A named local holding a lambda: `auto work = [&] {...}; std::thread t(work);`
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      if (VD->hasLocalStorage() && VD->getInit() &&
          isa<LambdaExpr>(stripWrappers(VD->getInit())))
        E = stripWrappers(VD->getInit());
    } else if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl())) {
      Out.push_back(FD);
      return Out;
    }
  }
  if (const auto *LE = dyn_cast<LambdaExpr>(E)) {
    if (Lambda)
      *Lambda = LE;
    addCallOperators(LE->getLambdaClass(), Out);
    return Out;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl())) {
      Out.push_back(FD);
      return Out;
    }
  // Any other object: a functor's call operator(s).
  QualType T = E->getType();
  if (const CXXRecordDecl *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl())
    if (!RD->isLambda() && genericName(RD) != "std::function")
      addCallOperators(RD, Out);
  return Out;
}

namespace {

/// The field of `this` that \p E names (`worker_`, `this->worker_`).
const FieldDecl *ownField(const Expr *E) {
  const auto *ME = E ? dyn_cast<MemberExpr>(E->IgnoreParenImpCasts()) : nullptr;
  if (!ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(ME->getMemberDecl());
}

/// `a == null` or `null == a` for the member \p Slot.
bool comparesWithNull(const Expr *L, const Expr *R, const FieldDecl *Slot) {
  ASTContext &Ctx = Slot->getASTContext();
  auto Null = [&](const Expr *E) {
    return E->IgnoreParenImpCasts()->isNullPointerConstant(Ctx,
                                                           Expr::NPC_ValueDependentIsNotNull);
  };
  return (ownField(L) == Slot && Null(R)) || (ownField(R) == Slot && Null(L));
}

/// Whether \p Cond, on its true edge, says the member \p Slot holds no
/// thread: `!slot`, `slot == nullptr`, `!slot.joinable()`, or one such
/// conjunct of `&&`.
bool testsEmpty(const Expr *Cond, const FieldDecl *Slot) {
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
    if (BO->getOpcode() == BO_LAnd)
      return testsEmpty(BO->getLHS(), Slot) || testsEmpty(BO->getRHS(), Slot);
    return BO->getOpcode() == BO_EQ && comparesWithNull(BO->getLHS(), BO->getRHS(), Slot);
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Cond);
      OC && OC->getOperator() == OO_EqualEqual && OC->getNumArgs() == 2)
    return comparesWithNull(OC->getArg(0), OC->getArg(1), Slot);
  const auto *Not = dyn_cast<UnaryOperator>(Cond);
  if (!Not || Not->getOpcode() != UO_LNot)
    return false;
  const Expr *Tested = Not->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Tested)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (M && (isa<CXXConversionDecl>(M) || M->getName() == "joinable"))
      Tested = MC->getImplicitObjectArgument();
  }
  return ownField(Tested) == Slot;
}

/// The member of `this` the thread made at \p Site goes into: `slot =
/// std::thread(...)`, `slot.reset(new std::thread(...))`, `slot =
/// std::make_unique<std::thread>(...)`; null otherwise.
const FieldDecl *threadSlot(const Expr *Site, const ParentMap &PM) {
  const Stmt *At = Site;
  for (const Stmt *P = PM.getParent(At); P; At = P, P = PM.getParent(P)) {
    const auto *Construct = dyn_cast<CXXConstructExpr>(P);
    if (isa<ImplicitCastExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
        isa<CXXBindTemporaryExpr>(P) || isa<CXXNewExpr>(P) || isa<ExprWithCleanups>(P) ||
        isa<CXXFunctionalCastExpr>(P) || isa<ParenExpr>(P) ||
        (Construct && Construct->getNumArgs() == 1))
      continue;
    if (const auto *BO = dyn_cast<BinaryOperator>(P); BO && BO->getOpcode() == BO_Assign)
      return BO->getRHS() == At ? ownField(BO->getLHS()) : nullptr;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P);
        OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
      return OC->getArg(1) == At ? ownField(OC->getArg(0)) : nullptr;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(P);
        MC && MC->getMethodDecl() && MC->getMethodDecl()->getName() == "reset")
      return ownField(MC->getImplicitObjectArgument());
    return nullptr;
  }
  return nullptr;
}

/// Whether spawn \p S runs a method on its spawner's own object.
bool runsOnSpawnersObject(const SpawnSite &S) {
  const auto *Spawner = dyn_cast<CXXMethodDecl>(S.Spawner);
  if (!Spawner || Spawner->isStatic() || S.Entries.empty())
    return false;
  if (S.Lambda) {
    auto Captures = S.Lambda->captures();
    return !Captures.empty() &&
           llvm::all_of(Captures, [](const LambdaCapture &C) { return C.capturesThis(); });
  }
  if (S.Args.empty() || !isa<CXXThisExpr>(S.Args.front()->IgnoreParenImpCasts()))
    return false;
  return llvm::all_of(S.Entries, [&](const FunctionDecl *E) {
    const auto *M = dyn_cast<CXXMethodDecl>(E);
    return M && !M->isStatic() &&
           (M->getParent() == Spawner->getParent() ||
            Spawner->getParent()->isDerivedFrom(M->getParent()));
  });
}

/// SpawnSite::OnePerOwner for \p S.
const FieldDecl *onePerOwner(const SpawnSite &S) {
  if ((S.Kind != SpawnKind::Thread && S.Kind != SpawnKind::JThread) || !runsOnSpawnersObject(S) ||
      !S.Spawner->getBody())
    return nullptr;
  ParentMap PM(S.Spawner->getBody());
  const FieldDecl *Slot = threadSlot(S.Site, PM);
  if (!Slot)
    return nullptr;
  // The spawn must sit in the then-branch of a test that the slot is empty.
  for (const Stmt *At = S.Site, *P = PM.getParent(At); P; At = P, P = PM.getParent(P))
    if (const auto *If = dyn_cast<IfStmt>(P); If && If->getThen() == At && If->getCond())
      if (testsEmpty(If->getCond(), Slot))
        return Slot;
  return nullptr;
}

} // namespace

llvm::ArrayRef<const char *> SpawnSites::defaultSubmitFunctions() { return DefaultSubmit; }

SpawnSites::SpawnSites(ConcurrencyModel &Model) {
  llvm::StringSet<> Submit;
  for (const char *N : DefaultSubmit)
    Submit.insert(N);
  for (llvm::StringRef N : clang::tidy::utils::options::parseStringList(Model.options().PoolSubmitFunctions))
    Submit.insert(N.ltrim(':'));

  auto IsFutureType = [](QualType T) {
    const CXXRecordDecl *RD = classOfType(T);
    if (!RD)
      return false;
    std::string N = genericName(RD);
    return N == "std::future" || N == "std::shared_future" || N == "concur::Future";
  };

  for (const FunctionDecl *F : Model.index().functions()) {
    for (const CallSite &C : Model.callGraph().callsIn(F)) {
      SpawnSite S;
      S.Site = C.Call;
      S.Call = &C;
      S.Spawner = F;
      const FunctionDecl *Callee = C.Callee;
      std::string Name = genericName(Callee);
      unsigned CallableIndex = 0;
      llvm::SmallVector<const Expr *, 8> Args;
      if (const auto *CE = dyn_cast<CXXConstructExpr>(C.Call)) {
        if (!isStdThread(C.ObjectClass) || CE->getNumArgs() == 0)
          continue;
        std::string Class = genericName(C.ObjectClass);
        const auto *Ctor = cast<CXXConstructorDecl>(Callee);
        if (Ctor->isCopyOrMoveConstructor())
          continue;
        S.Kind = Class == "std::thread" ? SpawnKind::Thread : SpawnKind::JThread;
        S.FunctionName = Class;
        for (const Expr *A : CE->arguments())
          Args.push_back(A);
      } else if (const auto *CE = dyn_cast<CallExpr>(C.Call)) {
        const Expr *const *ArgBegin = CE->getArgs();
        unsigned NumArgs = CE->getNumArgs();
        // Member operator calls carry the object as argument 0.
        if (isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee) && NumArgs) {
          ++ArgBegin;
          --NumArgs;
        }
        Args.append(ArgBegin, ArgBegin + NumArgs);
        std::string ViaObject;
        if (C.ObjectClass && isa<CXXMethodDecl>(Callee))
          ViaObject = genericName(C.ObjectClass) + "::" + Callee->getNameAsString();
        if (Name == "std::async") {
          S.Kind = SpawnKind::Async;
          S.FunctionName = Name;
          S.Policy = LaunchPolicy::Unspecified;
          if (!Args.empty()) {
            const CXXRecordDecl *RD = nullptr;
            QualType T0 = Args[0]->getType();
            if (const auto *ET = T0->getAs<EnumType>())
              if (genericName(ET->getDecl()) == "std::launch") {
                CallableIndex = 1;
                Expr::EvalResult R;
                S.Policy = LaunchPolicy::Either;
                if (Args[0]->EvaluateAsInt(R, Callee->getASTContext())) {
                  uint64_t V = R.Val.getInt().getZExtValue();
                  S.Policy = V == 1   ? LaunchPolicy::Async
                             : V == 2 ? LaunchPolicy::Deferred
                                      : LaunchPolicy::Either;
                }
              }
            (void)RD;
          }
        } else if (Name == "pthread_create" || Name == "thrd_create") {
          // thrd_create(&t, func, arg): C11's pthread_create, one argument
          // fewer before the function.
          S.Kind = SpawnKind::PThread;
          S.FunctionName = Name;
          CallableIndex = Name == "thrd_create" ? 1 : 2;
        } else if (Submit.contains(Name) || (!ViaObject.empty() && Submit.contains(ViaObject)) ||
                   (isa<CXXMethodDecl>(Callee) &&
                    (Callee->getName() == "submit" || Callee->getName() == "enqueue") &&
                    IsFutureType(Callee->getReturnType()))) {
          S.Kind = SpawnKind::PoolSubmit;
          S.FunctionName = ViaObject.empty() ? Name : ViaObject;
          if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
            S.Pool = MC->getImplicitObjectArgument();
          else if (!Args.empty() && !isa<CXXMethodDecl>(Callee)) {
            // Free functions (boost::asio::post(pool, f)): pool first.
            S.Pool = Args[0];
            CallableIndex = Args.size() > 1 ? 1 : 0;
          }
        } else if (std::string Element = threadContainerElement(C, Args); !Element.empty()) {
          // `threads.emplace_back(f, args...)` constructs the std::thread
          // inside the container (in a system header): the spawn is here.
          S.Kind = Element == "std::thread" ? SpawnKind::Thread : SpawnKind::JThread;
          S.FunctionName = Element;
        } else {
          continue;
        }
      } else {
        continue;
      }
      if (CallableIndex >= Args.size())
        continue;
      S.Callable = Args[CallableIndex];
      S.Args.append(Args.begin() + CallableIndex + 1, Args.end());
      S.Entries = resolveCallable(S.Callable, &S.Lambda);
      if (S.Kind == SpawnKind::PThread && !Args.empty())
        S.Handle = Args[0];
      S.OnePerOwner = onePerOwner(S);
      add(std::move(S));
    }
  }
  addWrapperCalls(Model);
}

void SpawnSites::add(SpawnSite S) {
  unsigned Index = Sites.size();
  BySpawner[S.Spawner].push_back(Index);
  BySite[S.Site] = Index;
  for (const FunctionDecl *E : S.Entries)
    EntrySet.insert(E);
  Sites.push_back(std::move(S));
}

void SpawnSites::addWrapperCalls(ConcurrencyModel &Model) {
  // The parameter \p E names, if it is one of \p F's.
  auto ParamOf = [](const Expr *E, const FunctionDecl *F) -> const ParmVarDecl * {
    const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E ? stripWrappers(E) : nullptr);
    const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    return P && P->getDeclContext() == F ? P : nullptr;
  };
  size_t Done = 0;
  for (unsigned Round = 0; Round < 3 && Done < Sites.size(); ++Round) {
    // Wrappers found among the sites added last round, by function.
    llvm::DenseMap<const FunctionDecl *, unsigned> Wrappers;
    // Threads only: a function that hands its callable to a pool or to
    // std::async is itself a submit function, which PoolSubmitFunctions
    // and the `submit(F) -> future` shape describe.
    for (size_t I = Done; I < Sites.size(); ++I)
      if (Sites[I].Entries.empty() && Sites[I].Kind != SpawnKind::PoolSubmit &&
          Sites[I].Kind != SpawnKind::Async && ParamOf(Sites[I].Callable, Sites[I].Spawner))
        Wrappers.try_emplace(Sites[I].Spawner->getCanonicalDecl(), I);
    Done = Sites.size();
    if (Wrappers.empty())
      break;
    for (const FunctionDecl *F : Model.index().functions())
      for (const CallSite &C : Model.callGraph().callsIn(F)) {
        // A call of the wrapper, or the construction of a thread class
        // whose constructor is one (`Thread t(run, arg);`).
        bool Calls = isa<CallExpr>(C.Call) ||
                     (isa<CXXConstructExpr>(C.Call) && isa_and_nonnull<CXXConstructorDecl>(C.Callee));
        auto It = C.Callee && Calls ? Wrappers.find(C.Callee->getCanonicalDecl())
                                    : Wrappers.end();
        if (It == Wrappers.end() || BySite.count(C.Call))
          continue;
        const SpawnSite Inner = Sites[It->second];
        llvm::SmallVector<const Expr *, 4> CallArgs = CallGraph::argumentsOf(C.Call);
        // What the wrapper passes on: the caller's argument where the
        // wrapper passes a parameter of its own.
        auto AtCall = [&](const Expr *E) -> const Expr * {
          const ParmVarDecl *P = ParamOf(E, Inner.Spawner);
          return P ? CallGraph::argumentFor(P, C.Callee, CallArgs) : E;
        };
        SpawnSite S = Inner;
        S.Site = C.Call;
        S.Call = &C;
        S.Spawner = F;
        S.Wrapper = C.Callee;
        S.Lambda = nullptr;
        S.Callable = AtCall(Inner.Callable);
        if (!S.Callable)
          continue;
        for (const Expr *&A : S.Args)
          A = AtCall(A);
        S.Handle = Inner.Handle && ParamOf(Inner.Handle, Inner.Spawner) ? AtCall(Inner.Handle)
                                                                          : nullptr;
        S.Entries = resolveCallable(S.Callable, &S.Lambda);
        add(std::move(S));
      }
  }
}

llvm::SmallVector<const SpawnSite *, 4> SpawnSites::in(const FunctionDecl *F) const {
  llvm::SmallVector<const SpawnSite *, 4> Out;
  auto It = BySpawner.find(F);
  if (It != BySpawner.end())
    for (unsigned I : It->second)
      Out.push_back(&Sites[I]);
  return Out;
}

bool SpawnSites::isEntry(const FunctionDecl *F) const { return EntrySet.contains(F); }

const SpawnSite *SpawnSites::at(const Expr *E) const {
  auto It = BySite.find(E);
  return It == BySite.end() ? nullptr : &Sites[It->second];
}

} // namespace concur
