#include "BlockingCallInCoroutineCheck.h"

#include "../model/FutureReadiness.h"
#include "../model/QualifiedNames.h"
#include "../model/SpawnSites.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace concur {

BlockingCallInCoroutineCheck::BlockingCallInCoroutineCheck(
    llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context),
      BlockingFunctions(Options.getLocalOrGlobal("BlockingFunctions", "")),
      AllowedFunctions(Options.getLocalOrGlobal("AllowedFunctions", "")),
      ReportLockAcquisition(Options.get("ReportLockAcquisition", false)),
      MaxCallDepth(Options.get("MaxCallDepth", 8U)),
      Catalog(BlockingFunctions, AllowedFunctions) {}

void BlockingCallInCoroutineCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "BlockingFunctions", BlockingFunctions);
  Options.store(Opts, "AllowedFunctions", AllowedFunctions);
  Options.store(Opts, "ReportLockAcquisition", ReportLockAcquisition);
  Options.store(Opts, "MaxCallDepth", MaxCallDepth);
}

void BlockingCallInCoroutineCheck::analyze(ConcurrencyModel &Model) {
  const TranslationUnitIndex &Index = Model.index();
  const SourceManager &SM = Model.astContext().getSourceManager();

  auto IsHit = [&](const CallSite &Site) {
    const BlockingEntry *E = Catalog.classify(Site);
    if (!E)
      return false;
    // A short critical section is tolerated (as Tokio and clippy tolerate a
    // std::sync::Mutex in async code); holding it across a suspension point
    // is concur-lock-across-suspension's business.
    return ReportLockAcquisition || E->Category != BlockingCategory::Lock;
  };
  // Functions that hand their callable to another thread: what they run is
  // not run on the loop (run_in_executor, pool submits). The call graph
  // already skips lambda bodies that are only passed along; this also stops
  // at submit functions defined in user headers, whose bodies would
  // otherwise lead into the worker's code.
  llvm::StringSet<> Executors;
  for (const char *Name : SpawnSites::defaultSubmitFunctions())
    Executors.insert(Name);
  Executors.insert("concur::run_in_executor");
  llvm::SmallVector<llvm::StringRef, 4> Configured;
  llvm::StringRef(Model.options().PoolSubmitFunctions).split(Configured, ';', -1, false);
  for (llvm::StringRef Name : Configured)
    if (!Name.trim().empty())
      Executors.insert(Name.trim().ltrim(':'));
  CallGraph::SearchLimits Limits;
  Limits.MaxDepth = MaxCallDepth;
  // A coroutine called from a coroutine is checked as a root of its own.
  Limits.StopAt = [&](const FunctionDecl *F) {
    return Index.isCoroutine(F) || Executors.contains(genericName(F));
  };
  FutureReadiness &Readiness = Model.analysis<FutureReadiness>();

  for (const FunctionDecl *Coro : Index.coroutines()) {
    if (SM.isInSystemHeader(Coro->getLocation()))
      continue;
    std::string CoroName = displayName(Coro);
    for (const CallPath &Path : Model.callGraph().findPaths(Coro, IsHit, Limits)) {
      const CallSite &Blocking = *Path.back();
      const BlockingEntry &E = *Catalog.classify(Blocking);
      // `f.get()` after `f.wait_for(0s) == std::future_status::ready` on
      // every path does not wait.
      const FunctionDecl *Caller = Path.size() == 1 ? Coro : Path[Path.size() - 2]->Callee;
      if (E.Category == BlockingCategory::Wait &&
          Readiness.isKnownReady(Caller, Blocking.Call))
        continue;
      // Name the entity the user knows (std::future::wait, not the private
      // base that declares it).
      std::string Blocker = E.Name.empty() ? displayName(Blocking.Callee) : E.Name;
      if (Path.size() == 1) {
        diag(Blocking.Loc, "%0 call to '%1' in coroutine '%2' blocks the thread "
                           "running the event loop; %3")
            << categoryName(E.Category) << Blocker << CoroName << E.Alternative;
        continue;
      }
      diag(Path.front()->Loc, "coroutine '%0' calls '%1', which reaches %2 call "
                              "'%3' and blocks the thread running the event loop; %4")
          << CoroName << displayName(Path.front()->Callee)
          << categoryName(E.Category) << Blocker << E.Alternative;
      if (Path.size() > 2)
        notePath(Path.front()->Callee, llvm::ArrayRef(Path).slice(1, Path.size() - 2));
      diag(Blocking.Loc, "'%0' blocks here (%1)", clang::DiagnosticIDs::Note)
          << Blocker << categoryName(E.Category);
    }
  }
}

} // namespace concur
