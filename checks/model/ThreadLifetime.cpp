#include "ThreadLifetime.h"

#include "Dataflow.h"
#include "ExprWrappers.h"
#include "QualifiedNames.h"
#include "ThreadTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace concur {
namespace {

enum : uint8_t { Empty = 1, Joinable = 2 };

bool isThreadClass(const CXXRecordDecl *RD) {
  return RD && genericName(RD) == "std::thread";
}

/// Library functions that throw in normal use, not only on allocation
/// failure: a future's get() rethrows the task's exception.
constexpr const char *ThrowingLibrary[] = {
    "std::future::get",      "std::shared_future::get", "concur::Future::get",
    "std::rethrow_exception", "std::stoi",              "std::stol",
    "std::stoul",            "std::stoll",              "std::stod",
    "std::vector::at",       "std::map::at",            "std::unordered_map::at",
    "std::basic_string::at", "std::any_cast",
};

const DeclRefExpr *refTo(const Expr *E) {
  E = ignoreCopiesAndMoves(E);
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  return dyn_cast_or_null<DeclRefExpr>(E);
}

using State = llvm::SmallVector<uint8_t, 4>;

/// The per-function dataflow over the tracked threads.
class ThreadFlow {
public:
  ThreadFlow(ThreadLifetime &Owner, const FunctionDecl *F, const CFG &G,
             const SourceManager &SM, const LangOptions &LO)
      : Owner(Owner), F(F), G(G), SM(SM), LO(LO) {}

  bool collect() {
    for (const CFGBlock *B : G) {
      for (const CFGElement &E : *B)
        if (auto S = E.getAs<CFGStmt>())
          if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt()))
            for (const Decl *D : DS->decls())
              if (const auto *V = dyn_cast<VarDecl>(D);
                  V && V->hasLocalStorage() && !isa<ParmVarDecl>(V) &&
                  !V->getType()->isReferenceType() &&
                  isThreadClass(V->getType()->getAsCXXRecordDecl()) && !Index.count(V)) {
                Index[V] = Vars.size();
                Vars.push_back(V);
                if (V->getInit())
                  InitOf[ignoreCopiesAndMoves(V->getInit())] = V;
                if (const auto *EWC = dyn_cast_or_null<ExprWithCleanups>(V->getInit()))
                  InitOf[EWC->getSubExpr()->IgnoreImplicit()] = V;
                if (V->getInit())
                  InitOf[V->getInit()->IgnoreImplicit()] = V;
              }
      if (const auto *T = dyn_cast_or_null<CXXTryStmt>(B->getTerminatorStmt()))
        Tries.push_back(T);
    }
    HandedOver.assign(Vars.size(), false);
    return !Vars.empty();
  }

  void run(bool ExceptionPaths, std::vector<ThreadHazard> &Out) {
    // A thread may be joinable (or empty) at a merge if it is on some path in.
    auto Unite = [](State &Into, const State &From) {
      for (unsigned I = 0; I < Into.size(); ++I)
        Into[I] |= From[I];
    };
    auto Transfer = [&](State &S, const CFGElement &E) { transferElement(E, S, nullptr, false); };
    auto Edge = [&](State &S, const CFGBlock &From, unsigned SuccIndex) {
      refineAlong(From, SuccIndex, S);
    };
    std::vector<std::optional<State>> In =
        solveForward(G, State(Vars.size(), 0), Transfer, Edge, Unite);
    // Report from the fixpoint only.
    std::vector<ThreadHazard> Found;
    for (const CFGBlock *B : G)
      if (std::optional<State> S = In[B->getBlockID()])
        for (const CFGElement &E : *B)
          transferElement(E, *S, &Found, ExceptionPaths);
    llvm::DenseSet<std::pair<const VarDecl *, int>> Seen;
    llvm::sort(Found, [&](const ThreadHazard &A, const ThreadHazard &B) {
      return SM.isBeforeInTranslationUnit(A.Where->getBeginLoc(), B.Where->getBeginLoc());
    });
    for (ThreadHazard &H : Found) {
      if (!Seen.insert({H.Thread, H.HazardKind}).second)
        continue;
      H.JThreadFixApplies = jthreadFixApplies(H.Thread);
      Out.push_back(H);
    }
  }

private:
  int indexOf(const Expr *E) const {
    const DeclRefExpr *DRE = refTo(E);
    if (!DRE)
      return -1;
    auto It = Index.find(dyn_cast<VarDecl>(DRE->getDecl()));
    return It == Index.end() ? -1 : static_cast<int>(It->second);
  }

  /// \p E hands a tracked thread to someone else (by reference, pointer or
  /// move), who becomes responsible for joining it.
  void handOver(const Expr *E, State &S) {
    if (int I = indexOf(E); I >= 0) {
      S[I] = Empty;
      HandedOver[I] = true;
    }
  }

  /// `std::thread &alias = t;` and `Joiner guard{t};`: a reference, or an
  /// aggregate or initializer list holding a reference or pointer (`for
  /// (std::thread *t : {&a, &b})`), takes over joining the thread.
  /// (Initialiser lists are not CFG elements of their own.)
  void handOverFromInit(const Expr *Init, State &S) {
    Init = ignoreValueWrappers(Init);
    // `for (std::thread *t : {&a, &b}) t->join();`: the list's array.
    if (const auto *List = dyn_cast_or_null<CXXStdInitializerListExpr>(Init))
      Init = ignoreValueWrappers(List->getSubExpr());
    if (const auto *Temp = dyn_cast_or_null<MaterializeTemporaryExpr>(Init))
      Init = ignoreValueWrappers(Temp->getSubExpr());
    if (const auto *IL = dyn_cast_or_null<InitListExpr>(Init)) {
      for (const Expr *Element : IL->inits())
        handOverFromInit(Element, S);
      return;
    }
    handOver(Init, S);
  }

  /// The state a thread gets from an initialiser or an assigned value.
  uint8_t valueState(const Expr *Init, State &S) {
    if (!Init)
      return Empty;
    const Expr *E = Init->IgnoreImplicit();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr()->IgnoreImplicit();
    if (int Src = indexOf(E); Src >= 0) {
      uint8_t St = S[Src];
      S[Src] = Empty; // moved from
      return St;
    }
    E = ignoreCopiesAndMoves(E);
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
      return CE->getNumArgs() == 0 ? Empty : Joinable;
    return Joinable; // a factory's result: assume it runs
  }

  bool guardedByLocalHandler(const Stmt *At, const VarDecl *V) const {
    for (const CXXTryStmt *T : Tries)
      if (SM.isBeforeInTranslationUnit(V->getLocation(), T->getBeginLoc()) &&
          T->getTryBlock()->getSourceRange().fullyContains(At->getSourceRange()))
        return true;
    return false;
  }

  void exceptionPoint(const Stmt *At, const FunctionDecl *Thrower, const State &S,
                      std::vector<ThreadHazard> *Found) {
    if (!Found)
      return;
    for (unsigned I = 0; I < Vars.size(); ++I)
      if ((S[I] & Joinable) && !guardedByLocalHandler(At, Vars[I]))
        Found->push_back({ThreadHazard::ThrowWhileJoinable, Vars[I], F, At, Thrower});
  }

  void transferStmt(const Stmt *St, State &S, std::vector<ThreadHazard> *Found,
                    bool ExceptionPaths) {
    if (const auto *DS = dyn_cast<DeclStmt>(St)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && Index.count(V))
          S[Index[V]] = valueState(V->getInit(), S);
        else if (V && V->getInit())
          handOverFromInit(V->getInit(), S);
      return;
    }
    if (const auto *TE = dyn_cast<CXXThrowExpr>(St)) {
      if (ExceptionPaths)
        exceptionPoint(TE, nullptr, S, Found);
      return;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(St)) {
      // A thread moved into something that is not a tracked variable.
      // Any other object constructed from it (a guard holding a reference,
      // a wrapper taking ownership) is responsible for joining it.
      bool OwnInit = InitOf.count(CE) && isThreadClass(CE->getConstructor()->getParent());
      if (!OwnInit)
        for (const Expr *Arg : CE->arguments())
          handOver(Arg, S);
      if (ExceptionPaths && !isThreadClass(CE->getConstructor()->getParent()) &&
          Owner.mayThrow(CE->getConstructor()))
        exceptionPoint(CE, CE->getConstructor(), S, Found);
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(St);
    if (!Call)
      return;
    const FunctionDecl *Callee = Call->getDirectCallee();
    std::string CalleeName = Callee ? genericName(Callee) : "";
    if (CalleeName == "std::move" || CalleeName == "std::forward")
      return;
    unsigned FirstArg = 0;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
      int I = indexOf(MC->getImplicitObjectArgument());
      if (I >= 0) {
        llvm::StringRef Method = MC->getMethodDecl()->getName();
        if (Method == "join" || Method == "detach")
          S[I] = Empty;
        else if (Method == "swap" && MC->getNumArgs() == 1) {
          if (int J = indexOf(MC->getArg(0)); J >= 0)
            std::swap(S[I], S[J]);
          else
            S[I] = Empty;
        }
        return;
      }
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call)) {
      if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
        if (int I = indexOf(OC->getArg(0)); I >= 0) {
          if (Found && (S[I] & Joinable))
            Found->push_back({ThreadHazard::AssignedWhileJoinable, Vars[I], F, OC, nullptr});
          S[I] = valueState(OC->getArg(1), S);
          HandedOver[I] = true; // a std::jthread cannot take a std::thread
          return;
        }
      if (isa_and_nonnull<CXXMethodDecl>(Callee))
        FirstArg = 1;
    }
    // Handed to another function (by reference, pointer or move): whoever
    // receives it is responsible for joining it.
    for (unsigned A = FirstArg; A < Call->getNumArgs(); ++A)
      handOver(Call->getArg(A), S);
    if (ExceptionPaths && Callee && !isThreadClass(dyn_cast<CXXRecordDecl>(Callee->getParent())) &&
        Owner.mayThrow(Callee))
      exceptionPoint(Call, Callee, S, Found);
  }

  void transferElement(const CFGElement &E, State &S, std::vector<ThreadHazard> *Found,
                       bool ExceptionPaths) {
    if (auto CS = E.getAs<CFGStmt>()) {
      transferStmt(CS->getStmt(), S, Found, ExceptionPaths);
    } else if (auto D = E.getAs<CFGAutomaticObjDtor>()) {
      auto It = Index.find(D->getVarDecl());
      if (It == Index.end())
        return;
      if (Found && (S[It->second] & Joinable))
        Found->push_back({ThreadHazard::DestroyedJoinable, D->getVarDecl(), F,
                          D->getTriggerStmt(), nullptr});
      S[It->second] = 0; // out of scope
    }
  }

  /// Branches on `t.joinable()` (possibly negated) know the state of t.
  void refineAlong(const CFGBlock &From, unsigned SuccIndex, State &S) const {
    std::optional<BranchTest> Test = branchTest(From);
    if (!Test)
      return;
    auto [Tested, Truthy] = provenOperand(*Test, SuccIndex);
    const auto *MC = dyn_cast<CXXMemberCallExpr>(Tested);
    if (!MC || MC->getMethodDecl()->getName() != "joinable")
      return;
    if (int Refined = indexOf(MC->getImplicitObjectArgument()); Refined >= 0)
      S[Refined] &= Truthy ? Joinable : Empty;
  }

  bool jthreadFixApplies(const VarDecl *V) const {
    if (HandedOver[Index.lookup(V)] || !V->getTypeSourceInfo() ||
        V->getType()->getContainedAutoType())
      return false;
    // Only a thread constructed with its work: a std::jthread cannot be
    // initialised from a std::thread.
    const auto *Init = dyn_cast_or_null<CXXConstructExpr>(
        V->getInit() ? V->getInit()->IgnoreImplicit() : nullptr);
    if (!Init || Init->getNumArgs() == 0 || Init->getConstructor()->isCopyOrMoveConstructor())
      return false;
    SourceRange R = V->getTypeSourceInfo()->getTypeLoc().getSourceRange();
    if (R.getBegin().isMacroID())
      return false;
    llvm::StringRef Text =
        Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO);
    return Text == "std::thread" && LO.CPlusPlus20;
  }

  ThreadLifetime &Owner;
  const FunctionDecl *F;
  const CFG &G;
  const SourceManager &SM;
  const LangOptions &LO;
  std::vector<const VarDecl *> Vars;
  llvm::DenseMap<const VarDecl *, unsigned> Index;
  llvm::DenseMap<const Expr *, const VarDecl *> InitOf;
  std::vector<const CXXTryStmt *> Tries;
  std::vector<bool> HandedOver;
};

} // namespace

ThreadLifetime::ThreadLifetime(ConcurrencyModel &Model)
    : Model(Model), Spawns(Model.analysis<SpawnSites>()),
      Facts(Model.analysis<FunctionFacts>()) {}

bool ThreadLifetime::mayThrow(const FunctionDecl *F) {
  if (!F)
    return false;
  F = F->getCanonicalDecl();
  if (isa<CXXDestructorDecl>(F) || F->isExternC())
    return false;
  if (const auto *FPT = F->getType()->getAs<FunctionProtoType>();
      FPT && FPT->isNothrow())
    return false;
  if (!Model.callGraph().isExplorable(F)) {
    const SourceManager &SM = Model.astContext().getSourceManager();
    if (SM.isInSystemHeader(F->getLocation())) {
      std::string N = genericName(F);
      return llvm::is_contained(ThrowingLibrary, llvm::StringRef(N));
    }
    // User code in another file: a test assertion, a logging call. Only
    // what is seen to throw (a throw here or in a same-file callee, the
    // library functions known to throw) makes an exception path, unless
    // asked to assume the worst.
    return UnknownCallsThrow;
  }
  auto [It, Inserted] = ThrowMemo.try_emplace(F, -1);
  if (!Inserted)
    return It->second == 1; // in progress (recursion): assume it does not
  const FunctionDecl *Def = nullptr;
  F->hasBody(Def);
  bool Throws = Facts.of(Def).Throws;
  if (!Throws)
    for (const CallSite &C : Model.callGraph().callsIn(Def))
      if (mayThrow(C.Callee)) {
        Throws = true;
        break;
      }
  ThrowMemo[F] = Throws ? 1 : 0;
  return Throws;
}

void ThreadLifetime::analyzeFunction(const FunctionDecl *F, bool ExceptionPaths,
                                     std::vector<ThreadHazard> &Out) {
  AnalysisStats::Timer Time(AnalysisStats::Section::Analysis, "ThreadLifetime");
  const CFG *G = Model.cfg(F);
  if (!G)
    return;
  ASTContext &Ctx = Model.astContext();
  ThreadFlow Flow(*this, F, *G, Ctx.getSourceManager(), Ctx.getLangOpts());
  if (Flow.collect())
    Flow.run(ExceptionPaths, Out);
}

std::vector<ThreadHazard> ThreadLifetime::hazards(bool ExceptionPaths, bool UnknownThrow) {
  if (UnknownThrow != UnknownCallsThrow) {
    UnknownCallsThrow = UnknownThrow;
    ThrowMemo.clear();
  }
  std::vector<ThreadHazard> Out;
  for (const FunctionDecl *F : Model.index().functions()) {
    // Only functions that touch a std::thread get a CFG.
    bool Touches = false;
    for (const CallSite &C : Model.callGraph().callsIn(F))
      if (isThreadClass(C.ObjectClass)) {
        Touches = true;
        break;
      }
    if (Touches)
      analyzeFunction(F, ExceptionPaths, Out);
  }
  return Out;
}

std::vector<DetachSite> ThreadLifetime::detachSites() {
  std::vector<DetachSite> Out;
  for (const FunctionDecl *F : Model.index().functions())
    for (const CallSite &C : Model.callGraph().callsIn(F)) {
      const auto *MC = dyn_cast<CXXMemberCallExpr>(C.Call);
      if (!MC || !C.ObjectClass || C.Callee->getName() != "detach")
        continue;
      if (!isStdThread(C.ObjectClass))
        continue;
      DetachSite D;
      D.Call = MC;
      D.In = F;
      const Expr *Obj = ignoreCopiesAndMoves(MC->getImplicitObjectArgument());
      if (const SpawnSite *S = Spawns.at(Obj)) {
        D.Spawns.push_back(S);
      } else if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(Obj)) {
        const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
        const auto *Owner = V ? dyn_cast<FunctionDecl>(V->getDeclContext()) : nullptr;
        if (Owner)
          for (const auto &[Stored, Var] : Facts.of(Owner).StoredInto)
            if (Var == V)
              if (const SpawnSite *S = Spawns.at(ignoreCopiesAndMoves(Stored)))
                D.Spawns.push_back(S);
      }
      llvm::sort(D.Spawns, [](const SpawnSite *A, const SpawnSite *B) {
        return A->Site->getBeginLoc().getRawEncoding() <
               B->Site->getBeginLoc().getRawEncoding();
      });
      if (!D.Spawns.empty())
        Out.push_back(std::move(D));
    }
  return Out;
}

} // namespace concur
