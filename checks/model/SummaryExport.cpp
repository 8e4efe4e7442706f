#include "SummaryExport.h"

#include "AtomicClaims.h"
#include "BlockingCallCatalog.h"
#include "ConcurrencyModel.h"
#include "FreshObjects.h"
#include "FutureReadiness.h"
#include "GlobalConditions.h"
#include "LockAcquisitions.h"
#include "LockOrderGraph.h"
#include "OnceRegions.h"
#include "QualifiedNames.h"
#include "SharedAccesses.h"
#include "Termination.h"
#include "ThreadContexts.h"
#include "LockReceivers.h"
#include "rules/BlockingInCoroutine.h"
#include "rules/NoLint.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <mutex>

using namespace clang;

namespace concur {

SummarySink::~SummarySink() = default;

namespace {
/// The sinks by context. clang-tidy gives a check no slot of its own on the
/// context, so the association lives here; the CLI's workers attach and
/// look up concurrently, each with its own context.
struct Attachments {
  std::mutex Lock;
  llvm::DenseMap<const clang::tidy::ClangTidyContext *, SummarySink *> Sinks;
};
Attachments &attachments() {
  static Attachments All;
  return All;
}
} // namespace

SummarySink *SummarySink::attachedTo(const clang::tidy::ClangTidyContext &Context) {
  Attachments &All = attachments();
  std::lock_guard<std::mutex> Hold(All.Lock);
  return All.Sinks.lookup(&Context);
}

SummarySink::Attachment::Attachment(const clang::tidy::ClangTidyContext &Context,
                                    SummarySink &Sink)
    : Context(Context) {
  Attachments &All = attachments();
  std::lock_guard<std::mutex> Hold(All.Lock);
  All.Sinks[&Context] = &Sink;
}

SummarySink::Attachment::~Attachment() {
  Attachments &All = attachments();
  std::lock_guard<std::mutex> Hold(All.Lock);
  All.Sinks.erase(&Context);
}

namespace {

/// Relative names are relative to the compilation's working directory,
/// which the concur CLI keeps per TU in its file system (the process's is
/// shared by all its workers).
std::string absolute(const SourceManager &SM, llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  SM.getFileManager().getVirtualFileSystem().makeAbsolute(P);
  llvm::sys::path::remove_dots(P, true);
  return std::string(P);
}

std::string mainFile(const SourceManager &SM) {
  if (auto Main = SM.getFileEntryRefForID(SM.getMainFileID()))
    return absolute(SM, Main->getName());
  return {};
}

void locateIn(const SourceManager &SM, SourceLocation Loc, std::string &File, unsigned &Line,
              unsigned &Column) {
  // Where a diagnostic at Loc is shown (a macro argument where it is
  // spelled, a macro body's token where the macro is used), so that the
  // join's facts and the findings name one site alike.
  SourceLocation Exp = SM.getFileLoc(Loc);
  if (Exp.isInvalid())
    return;
  if (auto Entry = SM.getFileEntryRefForID(SM.getFileID(Exp)))
    File = absolute(SM, Entry->getName());
  Line = SM.getExpansionLineNumber(Exp);
  Column = SM.getExpansionColumnNumber(Exp);
}

/// A lock's key (see report::SummaryLock) in the TU of main file \p TUFile.
std::string lockKey(LockId Id, const std::string &TUFile) {
  std::string Key = LockOrderGraph::stableName(Id);
  if (const auto *P = dyn_cast<ParmVarDecl>(Id.Decl)) { // the caller's argument
    const auto *F = dyn_cast<FunctionDecl>(P->getDeclContext());
    return Key + "@" + TUFile + "#" + (F ? displayName(F) : std::string()) + ":" +
           std::to_string(P->getFunctionScopeIndex());
  }
  const Decl *Owner = Id.Decl;
  if (const auto *Field = dyn_cast<FieldDecl>(Id.Decl))
    Owner = Field->getParent();
  const auto *V = dyn_cast<VarDecl>(Id.Decl);
  const auto *Named = dyn_cast<NamedDecl>(Owner);
  if ((V && V->getParentFunctionOrMethod()) || !Named || !Named->isExternallyVisible())
    Key += "@" + TUFile;
  return Key;
}

class Summarizer {
public:
  explicit Summarizer(ConcurrencyModel &Model)
      : Model(Model), SM(Model.astContext().getSourceManager()),
        Options(Model.analysis<JoinFacts>().Options),
        Blocking(Options.Blocking.value_or(report::BlockingOptions())),
        Catalog(Blocking.BlockingFunctions, Blocking.AllowedFunctions) {}

  report::TranslationUnitSummary run() {
    report::TranslationUnitSummary Out;
    Out.File = mainFile(SM);
    Out.EnabledChecks = Model.enabledChecks();
    Out.Options = Options;
    Out.NoLint = noLintRanges();
    TUFile = Out.File;
    bool LockOrder = Model.exports(ConcurrencyModel::ExportLockOrder);
    bool Races = Model.exports(ConcurrencyModel::ExportAccesses);
    bool WithLocks = LockOrder || Races;
    const TranslationUnitIndex &Index = Model.index();
    for (const FunctionDecl *F : Index.functions()) {
      bool Coroutine = Index.isCoroutine(F);
      bool Visible = Coroutine || F->isExternallyVisible();
      if (SM.isInSystemHeader(F->getLocation()) || (!Visible && !LockOrder))
        continue; // no other TU can call it
      std::vector<report::ReachedCall> Reached =
          reachedCalls(F, WithLocks, /*HeldOnly=*/!Visible);
      if (!Visible && Reached.empty())
        continue; // no other TU can call it, and it holds nothing across one
      report::FunctionSummary S;
      if (!usr(F, S.Usr))
        continue;
      S.Name = displayName(F);
      S.FindingFunction = findingFunction(F);
      locate(F->getLocation(), S.File, S.Line, S.Column);
      S.Coroutine = Coroutine;
      if (!Coroutine)
        if (const BlockingReach *B = blocks(F)) {
          S.BlockingEntry = B->Entry->Name.empty() ? displayName(B->Chain.back()->Callee)
                                                   : B->Entry->Name;
          S.BlockingCategory = categoryName(B->Entry->Category).str();
          S.Alternative = B->Entry->Alternative;
          for (const CallSite *Hop : B->Chain)
            S.BlockingChain.push_back(call(*Hop));
        }
      S.ReachedCalls = std::move(Reached);
      if (LockOrder) {
        if (Visible)
          for (const LockAcquisition &A : Model.analysis<LockAcquisitions>().of(F).Reached)
            if (exportable(A.Id))
              S.Acquires.push_back(path(A));
        S.MainThreadOnly = mainThreadOnly(F);
      }
      if (Races && Visible && !Coroutine)
        for (const Access &A : Model.analysis<SharedAccesses>().of(F).All)
          if (auto X = access(A, F))
            S.Accesses.push_back(std::move(*X));
      if (!S.BlockingEntry.empty() || !S.Acquires.empty() || !S.ReachedCalls.empty() ||
          !S.Accesses.empty())
        Out.Functions.push_back(std::move(S));
    }
    if (LockOrder)
      for (const LockOrderEdge &E : Model.analysis<LockOrderGraph>().edges()) {
        if (!exportable(E.FromId) || !exportable(E.ToId))
          continue;
        report::LockOrderEdgeSummary X;
        X.Function = displayName(E.Function);
        X.FindingFunction = findingFunction(E.Function);
        X.MainThreadOnly = mainThreadOnly(E.Function);
        X.Held = E.HeldVia ? path(*E.HeldVia) : report::LockPath{lock(E.FromId), {}, {}, 0, 0};
        X.Acquired = path(E.Acquired);
        for (const HeldLock &H : E.HeldThere)
          if (exportable(H.Id))
            X.HeldThere.push_back(lock(H.Id).Key);
        Out.LockEdges.push_back(std::move(X));
      }
    if (Races)
      Out.Spawns = spawns();
    if (Model.exports(ConcurrencyModel::ExportDisciplines)) {
      Out.CallingFunctions = callingFunctions();
      Out.FieldDisciplines = std::move(Model.analysis<JoinFacts>().FieldDisciplines);
    }
    return Out;
  }

private:
  /// The NOLINT ranges of the TU's files outside system headers.
  std::vector<report::NoLintRange> noLintRanges() const {
    std::vector<report::NoLintRange> Out;
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      std::optional<llvm::MemoryBufferRef> Text = It->second->getBufferIfLoaded();
      if (!Text || !Text->getBuffer().contains("NOLINT"))
        continue;
      FileID Id = SM.translateFile(It->first);
      if (Id.isInvalid() || SM.isInSystemHeader(SM.getLocForStartOfFile(Id)))
        continue;
      for (report::NoLintRange &R :
           rules::noLintRanges(Text->getBuffer(), absolute(SM, It->first.getName())))
        Out.push_back(std::move(R));
    }
    // The file table is a hash map: sort for identical summaries run to run.
    llvm::sort(Out, [](const report::NoLintRange &A, const report::NoLintRange &B) {
      return std::tie(A.File, A.FirstLine, A.LastLine, A.Checks) <
             std::tie(B.File, B.FirstLine, B.LastLine, B.Checks);
    });
    return Out;
  }

  /// Each user function's calls of user functions with the member and
  /// global locks held there (see report::CallingFunction).
  std::vector<report::CallingFunction> callingFunctions() {
    std::vector<report::CallingFunction> Out;
    Locksets &Locks = Model.analysis<LockAcquisitions>().locksets();
    for (const FunctionDecl *F : Model.index().functions()) {
      if (SM.isInSystemHeader(F->getLocation()))
        continue;
      report::CallingFunction C;
      if (!usr(F, C.Usr))
        continue;
      C.Escapes = Model.index().hasUnseenCallers(F);
      C.Instantiated = instantiatedByName(F);
      C.Structor = isa<CXXConstructorDecl>(F) || isa<CXXDestructorDecl>(F);
      if (const auto *M = dyn_cast<CXXMethodDecl>(F))
        addOverriddenUsrs(M, C.Overrides);
      const FunctionDecl *Def = nullptr;
      if (F->hasBody(Def))
        callsHolding(Locks, Def, C);
      if (!C.Calls.empty() || C.Escapes || !C.Overrides.empty())
        Out.push_back(std::move(C));
    }
    return Out;
  }

  /// An implicit instantiation (of a function template or a member of a
  /// class template) called by its name: not an operator, constructor or
  /// destructor, which library templates and the language call unseen.
  static bool instantiatedByName(const FunctionDecl *F) {
    if (!F->getDeclName().isIdentifier() || isa<CXXConstructorDecl>(F) ||
        isa<CXXDestructorDecl>(F))
      return false;
    if (F->getTemplateSpecializationKind() == TSK_ImplicitInstantiation)
      return true;
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(F->getDeclContext());
    return Spec && Spec->getSpecializationKind() == TSK_ImplicitInstantiation;
  }

  void callsHolding(Locksets &Locks, const FunctionDecl *Def, report::CallingFunction &C) {
    const FunctionLocks &FL = Locks.of(Def);
    for (LockId Id : FL.summary().Released)
      C.LetsGo.push_back(lock(Id).Key);
    for (const ParmVarDecl *P : FL.summary().UnlockedGuards) {
      std::optional<GuardBinding> Lent = Locks.lentGuard(P);
      if (!Lent)
        C.LetsGoUnknown = true;
      else
        for (LockId Id : Lent->Locks)
          C.LetsGo.push_back(lock(Id).Key);
    }
    for (const CallSite &Site : Model.callGraph().callsIn(Def)) {
      if (!Site.Callee || SM.isInSystemHeader(Site.Callee->getLocation()))
        continue;
      const Lockset *Held = FL.hasCFG() ? FL.heldBefore(Site.Call) : &FL.entry();
      if (!Held)
        continue; // never runs
      report::CallHolding Call;
      if (!usr(Site.Callee, Call.Callee))
        continue;
      Call.Virtual = dispatches(Site);
      Call.OnOwnObject = onOwnObject(Def, Site);
      Call.OnFreshObject =
          callsOnFreshObject(dyn_cast<CXXMemberCallExpr>(Site.Call), Def, Model);
      for (const HeldLock &H : *Held)
        if (namedInCallees(H.Id))
          Call.Held.push_back({lock(H.Id).Key, H.Mode == LockMode::Exclusive});
      C.Calls.push_back(std::move(Call));
    }
  }

  /// Whether \p Site, in \p Caller, is a member call on the caller's own
  /// object: `this`, a member held by value, or a pointer member the
  /// class's destructor deletes (it owns the pointee).
  static bool onOwnObject(const FunctionDecl *Caller, const CallSite &Site) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(Site.Call);
    const auto *Method = dyn_cast<CXXMethodDecl>(Caller);
    if (!Call || !Method || !Call->getImplicitObjectArgument())
      return false;
    const Expr *Object = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Object))
      return true;
    const auto *Member = dyn_cast<MemberExpr>(Object);
    const auto *Field = Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    if (!Field || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      return false;
    QualType T = Field->getType();
    if (!T->isPointerType() && !T->isReferenceType())
      return true;
    return T->isPointerType() && deletedByDestructor(Method->getParent(), Field);
  }

  /// Whether \p Class's destructor deletes the pointee of \p Field.
  static bool deletedByDestructor(const CXXRecordDecl *Class, const FieldDecl *Field) {
    const CXXDestructorDecl *Dtor = Class ? Class->getDestructor() : nullptr;
    const FunctionDecl *Def = nullptr;
    if (!Dtor || !Dtor->hasBody(Def))
      return false;
    llvm::SmallVector<const Stmt *, 16> Work{Def->getBody()};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S))
        if (const auto *M = dyn_cast<MemberExpr>(Delete->getArgument()->IgnoreParenImpCasts());
            M && M->getMemberDecl() == Field)
          return true;
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
    return false;
  }

  /// A virtual call that may run an overrider (not `Base::f()`).
  static bool dispatches(const CallSite &Site) {
    const auto *M = dyn_cast<CXXMethodDecl>(Site.Callee);
    if (!M || !M->isVirtual())
      return false;
    const auto *Call = dyn_cast<CXXMemberCallExpr>(Site.Call);
    const auto *Member =
        Call ? dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParenImpCasts()) : nullptr;
    return Member && !Member->hasQualifier();
  }

  /// The TU's threads, with what each reaches (see report::SpawnSummary).
  std::vector<report::SpawnSummary> spawns() {
    auto &SA = Model.analysis<SharedAccesses>();
    const std::vector<SpawnSite> &Sites = SA.spawns().all();
    std::vector<report::SpawnSummary> Out(Sites.size());
    for (unsigned I = 0; I < Sites.size(); ++I) {
      const SpawnSite &Site = Sites[I];
      report::SpawnSummary &S = Out[I];
      locate(Site.Site->getBeginLoc(), S.File, S.Line, S.Column);
      if (Site.Entries.empty() || Site.Policy == LaunchPolicy::Deferred)
        continue; // runs nowhere else, or nobody knows what
      S.Entry = displayName(Site.Entries.front());
      for (const FunctionDecl *Entry : Site.Entries) {
        if (Entry->hasBody()) {
          for (const Access &A : SA.ofThread(I, Entry))
            if (auto X = access(A, Entry))
              S.Accesses.push_back(std::move(*X));
          for (report::ReachedCall &R : reachedCalls(Entry, true, false))
            S.Calls.push_back(std::move(R));
        } else if (!SM.isInSystemHeader(Entry->getLocation())) {
          // The entry itself is defined in another TU: the spawn calls it.
          report::SummaryCall Call;
          if (!usr(Entry, Call.Usr))
            continue;
          Call.Name = displayName(Entry);
          locate(Site.Site->getBeginLoc(), Call.File, Call.Line, Call.Column);
          S.Calls.push_back({{std::move(Call)}, {}});
        }
      }
      for (unsigned J = 0; J < Sites.size(); ++J)
        if (SA.concurrent(I, J))
          S.ConcurrentWith.push_back(J);
    }
    return Out;
  }

  /// \p A, made by a call of \p From, for the cross-TU race join, if it
  /// touches a global (or a field of one) that another TU can name.
  std::optional<report::SharedAccessSummary> access(const Access &A, const FunctionDecl *From) {
    const VarDecl *V = A.Loc.Var;
    // What a reference parameter was bound to is for the lock-discipline
    // facts only (Access::ParamObject).
    if (!V || !V->hasGlobalStorage() || A.ParamObject)
      return std::nullopt;
    report::SharedAccessSummary X;
    X.Global.Name = A.Loc.name();
    X.Global.Key = genericName(V) + (A.Loc.Field ? "." + A.Loc.Field->getNameAsString() : "");
    if (A.Loc.Element >= 0) // an element is its own location across files
      X.Global.Key += "[" + std::to_string(A.Loc.Element) + "]";
    if (V->isStaticLocal() || !V->isExternallyVisible())
      X.Global.Key += "@" + TUFile;
    X.Kind = A.Kind == AccessKind::Read    ? "read"
             : A.Kind == AccessKind::Write ? "write"
                                           : "update";
    for (const CallSite *Hop : A.Chain)
      X.Hops.push_back(call(*Hop));
    locate(A.Site->getExprLoc(), X.File, X.Line, X.Column);
    X.FindingFunction = findingFunction(A.Chain.empty() ? From : A.Chain.back()->Callee);
    if (A.CheckedAt)
      locate(A.CheckedAt->getExprLoc(), X.TestedFile, X.TestedLine, X.TestedColumn);
    X.SetUp = Model.analysis<OnceRegions>().setsUp(A, From);
    if (std::optional<OnceOrder> Once = Model.analysis<OnceRegions>().orderOf(A, From)) {
      X.Once = Once->Sets ? "sets" : "past_test";
      for (const HeldLock &H : Once->TestLocks)
        if (exportable(H.Id))
          X.OnceTestHeld.push_back(lock(H.Id).Key);
    }
    for (const HeldLock &H : A.Held)
      if (exportable(H.Id))
        X.Held.push_back(lock(H.Id).Key);
    return X;
  }

  struct BlockingReach {
    const BlockingEntry *Entry = nullptr;
    std::vector<const CallSite *> Chain; // from the function's body to the call
  };

  /// First blocking call reachable from \p F inside this TU, memoised so
  /// that summarising every function stays linear in the call graph.
  const BlockingReach *blocks(const FunctionDecl *F) {
    const FunctionDecl *Def = nullptr;
    if (!F->hasBody(Def))
      return nullptr;
    auto [It, Inserted] = Memo.try_emplace(Def);
    if (!Inserted)
      return It->second.Entry ? &It->second : nullptr; // known, or on the stack
    BlockingReach Result;
    for (const CallSite &C : Model.callGraph().callsIn(Def)) {
      if (const BlockingEntry *E = Catalog.classify(C)) {
        // What the check counts: not a tolerated lock, nor a wait on a
        // future known to be ready.
        if (!rules::countsAsBlocking(E->Category == BlockingCategory::Lock, Blocking) ||
            (E->Category == BlockingCategory::Wait &&
             Model.analysis<FutureReadiness>().isKnownReady(Def, C.Call)))
          continue;
        Result = {E, {&C}};
        break;
      }
      if (!Model.callGraph().isExplorable(C.Callee) ||
          Model.index().isCoroutine(C.Callee))
        continue;
      if (const BlockingReach *Sub = blocks(C.Callee)) {
        Result.Entry = Sub->Entry;
        Result.Chain = {&C};
        Result.Chain.insert(Result.Chain.end(), Sub->Chain.begin(), Sub->Chain.end());
        break;
      }
    }
    Memo[Def] = Result;
    return Result.Entry ? &Memo[Def] : nullptr;
  }

  /// A lock other TUs can name: not a parameter (whose mutex is the
  /// caller's argument, unknown here).
  static bool exportable(LockId Id) { return Id && !isa<ParmVarDecl>(Id.Decl); }

  report::SummaryLock lock(LockId Id) const {
    return {lockKey(Id, TUFile), LockOrderGraph::stableName(Id)};
  }

  report::LockPath path(const LockAcquisition &A) {
    report::LockPath P;
    P.Lock = lock(A.Id);
    for (const CallSite *Hop : A.Chain)
      P.Hops.push_back(call(*Hop));
    locate(A.Site->getBeginLoc(), P.File, P.Line, P.Column);
    P.Receiver = Model.analysis<LockReceivers>().of(A);
    return P;
  }

  bool mainThreadOnly(const FunctionDecl *F) {
    auto Contexts = Model.analysis<ThreadContexts>().of(F);
    return !Contexts.empty() && llvm::all_of(Contexts, [](int C) {
      return C == ThreadContexts::MainThread;
    });
  }

  /// Call paths from \p F's body, through same-TU calls, to calls of user
  /// functions defined elsewhere: one per external callee, at most
  /// MaxHops calls long. Memoised; recursion reaches nothing more.
  const std::vector<CallPath> &externalReach(const FunctionDecl *F) {
    static const std::vector<CallPath> None;
    const FunctionDecl *Def = nullptr;
    if (!F->hasBody(Def))
      return None;
    auto [It, Inserted] = Reach.try_emplace(Def);
    if (!Inserted)
      return It->second;
    std::vector<CallPath> Result;
    llvm::DenseSet<const FunctionDecl *> Callees;
    for (const CallSite &C : Model.callGraph().callsIn(Def))
      for (CallPath &P : pathsFrom(C))
        if (Callees.insert(P.back()->Callee->getCanonicalDecl()).second)
          Result.push_back(std::move(P));
    Reach[Def] = std::move(Result);
    return Reach[Def];
  }

  /// externalReach through the one call \p C.
  std::vector<CallPath> pathsFrom(const CallSite &C) {
    constexpr size_t MaxHops = 4;
    if (isExternalUserCall(C))
      return {CallPath{&C}};
    std::vector<CallPath> Out;
    if (!C.Callee || !Model.callGraph().isExplorable(C.Callee) ||
        Model.index().isCoroutine(C.Callee))
      return Out;
    for (const CallPath &Sub : externalReach(C.Callee)) {
      if (Sub.size() >= MaxHops) {
        AnalysisStats::noteCutShort(*C.Callee, "SummaryExport",
                                    "calls into other files exported at most " +
                                        std::to_string(MaxHops) + " calls deep");
        continue;
      }
      CallPath P{&C};
      P.append(Sub.begin(), Sub.end());
      Out.push_back(std::move(P));
    }
    return Out;
  }

  /// The external calls \p F reaches; \p WithLocks: with the locks F holds
  /// at the first hop (only those made holding a lock if \p HeldOnly).
  std::vector<report::ReachedCall> reachedCalls(const FunctionDecl *F, bool WithLocks,
                                                bool HeldOnly) {
    std::vector<report::ReachedCall> Out;
    const FunctionDecl *Def = nullptr;
    if (!F->hasBody(Def))
      return Out;
    for (const CallSite &C : Model.callGraph().callsIn(Def)) {
      std::vector<CallPath> Paths = pathsFrom(C);
      for (const CallPath &P : Paths) {
        std::vector<report::LockPath> HeldPaths;
        if ((WithLocks && !heldAlong(Def, P, HeldPaths)) || !feasibleAlong(Def, P))
          continue; // dead code on the way
        if (HeldOnly && HeldPaths.empty())
          continue;
        report::ReachedCall R;
        for (const CallSite *Hop : P)
          R.Path.push_back(call(*Hop));
        if (R.Path.back().Usr.empty())
          continue;
        R.Held = std::move(HeldPaths);
        R.SetUp = inOnceRegion(Def, P);
        Out.push_back(std::move(R));
      }
    }
    return Out;
  }

  /// Whether the calls of \p P (its first made in \p Def) can be made one
  /// after the other: what each hop's path knows of globals' values agrees
  /// (GlobalConditions.h; a thread's `if (mode == READ) read();` never
  /// reaches read()'s `if (mode != IDLE) return; execute();`), and no hop
  /// is made on the way to ending the process (Termination::onWayOut).
  bool feasibleAlong(const FunctionDecl *Def, const CallPath &P) {
    GlobalConditions &Conditions = Model.analysis<GlobalConditions>();
    Termination &Ends = Model.analysis<Termination>();
    // The function each hop is made in, while the model has its body.
    std::vector<const FunctionDecl *> In{Def};
    for (size_t K = 1; K < P.size(); ++K) {
      const FunctionDecl *Body = nullptr;
      if (!P[K - 1]->Callee->hasBody(Body))
        break;
      In.push_back(Body);
    }
    // From the last hop up, each callee's facts seen through its call, as
    // SharedAccesses lifts an access.
    if (llvm::any_of(llvm::seq<size_t>(0, In.size()),
                     [&](size_t K) { return Ends.onWayOut(In[K], P[K]->Call); }))
      return false;
    std::optional<ValueFacts> Along = Conditions.before(In.back(), P[In.size() - 1]->Call);
    for (size_t K = In.size() - 1; K > 0 && Along; --K)
      Along = Conditions.atCall(In[K - 1], P[K - 1]->Call, In[K], *Along);
    return Along.has_value();
  }

  /// Whether a call of \p P (its first made in \p Def) is made in a
  /// one-time initialisation of the function making it.
  bool inOnceRegion(const FunctionDecl *Def, const CallPath &P) {
    if (!Model.exports(ConcurrencyModel::ExportAccesses))
      return false; // only the race join reads it
    OnceRegions &Once = Model.analysis<OnceRegions>();
    const FunctionDecl *In = Def;
    for (size_t K = 0; K < P.size(); ++K) {
      if (K > 0 && !P[K - 1]->Callee->hasBody(In))
        return false;
      if (Once.inRegion(In, P[K]->Call))
        return true;
    }
    return false;
  }

  /// The locks held at the external call that ends \p P: those taken at
  /// each hop in this TU (`handle()` calling `log_locked()`, which calls
  /// `count()` of another file under its own mutex), less those a later
  /// hop lets go of. False if a call on the path is unreachable: the path
  /// is dead code.
  bool heldAlong(const FunctionDecl *Def, const CallPath &P,
                 std::vector<report::LockPath> &Out) {
    Locksets &Locks = Model.analysis<LockAcquisitions>().locksets();
    std::vector<LockId> Ids;
    const FunctionDecl *In = Def;
    for (size_t K = 0; K < P.size(); ++K) {
      if (K > 0) {
        const FunctionDecl *Body = nullptr;
        In = P[K - 1]->Callee->hasBody(Body) ? Body : P[K - 1]->Callee;
        const LockSummary &Sum = Locks.of(In).summary();
        for (size_t I = Ids.size(); I-- > 0;)
          // A lent guard it unlocks may hold any of them: keep none.
          if (!Sum.UnlockedGuards.empty() || llvm::is_contained(Sum.Released, Ids[I])) {
            Ids.erase(Ids.begin() + I);
            Out.erase(Out.begin() + I);
          }
      }
      std::vector<report::LockPath> Here;
      std::vector<LockId> HereIds;
      if (!heldAt(In, *P[K], Here, HereIds))
        return false; // a hop that never runs (`if (kDebugMode) ...` in a release build)
      for (size_t I = 0; I < Here.size(); ++I)
        if (!llvm::is_contained(Ids, HereIds[I])) {
          Ids.push_back(HereIds[I]);
          Out.push_back(std::move(Here[I]));
        }
    }
    return true;
  }

  /// The locks \p Def holds at call \p C, with how it took them; false if
  /// the call is unreachable.
  bool heldAt(const FunctionDecl *Def, const CallSite &C, std::vector<report::LockPath> &Out,
              std::vector<LockId> &Ids) {
    auto &Acquisitions = Model.analysis<LockAcquisitions>();
    const Lockset *Held = Acquisitions.locksets().of(Def).heldBefore(C.Call);
    if (!Held)
      return false;
    for (const HeldLock &H : *Held) {
      // A lock nobody waits for makes no lock-order edge; an atomic's claim
      // still keeps its holders apart, which the race join needs.
      if (!exportable(H.Id) || (nobodyWaitsFor(H.Id) && !isClaim(H.Id)))
        continue;
      Ids.push_back(H.Id);
      if (auto Origin = Acquisitions.originOf(Def, H)) {
        Out.push_back(path(*Origin));
        Out.back().Lock = lock(H.Id);
      } else {
        Out.push_back({lock(H.Id), {}, {}, 0, 0});
      }
    }
    return true;
  }

  /// A call of a user function defined in another TU (not a catalogued
  /// library function: those are matched in the TU itself).
  bool isExternalUserCall(const CallSite &C) const {
    const FunctionDecl *F = C.Callee;
    if (!F || F->hasBody() || F->isImplicit() || !F->isExternallyVisible())
      return false;
    if (SM.isInSystemHeader(F->getLocation()))
      return false;
    return !Catalog.classify(C);
  }

  report::SummaryCall call(const CallSite &C) {
    report::SummaryCall Out;
    usr(C.Callee, Out.Usr);
    Out.Name = displayName(C.Callee);
    locate(C.Loc, Out.File, Out.Line, Out.Column);
    return Out;
  }

  bool usr(const FunctionDecl *F, std::string &Out) const {
    Out = summaryUsr(F);
    return !Out.empty();
  }

  void locate(SourceLocation Loc, std::string &File, unsigned &Line, unsigned &Column) const {
    locateIn(SM, Loc, File, Line, Column);
  }

  ConcurrencyModel &Model;
  const SourceManager &SM;
  const report::CheckOptionsSummary Options;
  /// The blocking check's options (its defaults when it does not run),
  /// whose catalog matches blocking calls.
  const report::BlockingOptions Blocking;
  const BlockingCallCatalog Catalog;
  llvm::DenseMap<const FunctionDecl *, BlockingReach> Memo;
  llvm::DenseMap<const FunctionDecl *, std::vector<CallPath>> Reach;
  std::string TUFile;
};

} // namespace

report::TranslationUnitSummary summarizeTranslationUnit(ConcurrencyModel &Model) {
  return Summarizer(Model).run();
}

std::string summaryLockKey(ConcurrencyModel &Model, LockId Id) {
  return lockKey(Id, mainFile(Model.astContext().getSourceManager()));
}

void addOverriddenUsrs(const CXXMethodDecl *M, std::vector<std::string> &Out) {
  for (const CXXMethodDecl *Base : M->overridden_methods()) {
    std::string Usr = summaryUsr(Base);
    if (!Usr.empty() && !llvm::is_contained(Out, Usr)) {
      Out.push_back(std::move(Usr));
      addOverriddenUsrs(Base, Out);
    }
  }
}

std::string summaryUsr(const FunctionDecl *F) {
  llvm::SmallString<128> Buf;
  if (!F || index::generateUSRForDecl(F->getCanonicalDecl(), Buf))
    return {};
  return std::string(Buf);
}

void summaryLocation(ConcurrencyModel &Model, SourceLocation Loc, std::string &File,
                     unsigned &Line, unsigned &Column) {
  locateIn(Model.astContext().getSourceManager(), Loc, File, Line, Column);
}

} // namespace concur
