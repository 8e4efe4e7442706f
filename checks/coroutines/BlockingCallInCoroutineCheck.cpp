#include "BlockingCallInCoroutineCheck.h"

#include "../model/FutureReadiness.h"
#include "../model/QualifiedNames.h"
#include "../model/SpawnSites.h"
#include "../model/SummaryExport.h"
#include "../rules/BlockingInCoroutine.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace concur {

/// The options' defaults, which the cross-TU join shares.
static const report::BlockingOptions Defaults;

BlockingCallInCoroutineCheck::BlockingCallInCoroutineCheck(
    llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context),
      Opts{Options.getLocalOrGlobal("BlockingFunctions", Defaults.BlockingFunctions).str(),
           Options.getLocalOrGlobal("AllowedFunctions", Defaults.AllowedFunctions).str(),
           Options.get("ReportLockAcquisition", Defaults.ReportLockAcquisition),
           Options.get("MaxCallDepth", Defaults.MaxCallDepth)},
      Catalog(Opts.BlockingFunctions, Opts.AllowedFunctions) {}

void BlockingCallInCoroutineCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "BlockingFunctions", this->Opts.BlockingFunctions);
  Options.store(Opts, "AllowedFunctions", this->Opts.AllowedFunctions);
  Options.store(Opts, "ReportLockAcquisition", this->Opts.ReportLockAcquisition);
  Options.store(Opts, "MaxCallDepth", this->Opts.MaxCallDepth);
}

void BlockingCallInCoroutineCheck::analyze(ConcurrencyModel &Model) {
  const TranslationUnitIndex &Index = Model.index();
  const SourceManager &SM = Model.astContext().getSourceManager();
  Model.analysis<JoinFacts>().Options.Blocking = Opts;

  auto IsHit = [&](const CallSite &Site) {
    const BlockingEntry *E = Catalog.classify(Site);
    return E && rules::countsAsBlocking(E->Category == BlockingCategory::Lock, Opts);
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
  Limits.MaxDepth = Opts.MaxCallDepth;
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
      rules::BlockingPathFacts Facts{CoroName, {},
                                     E.Name.empty() ? displayName(Blocking.Callee) : E.Name,
                                     categoryName(E.Category).str(), E.Alternative};
      for (const CallSite *Site : Path)
        Facts.Callees.push_back(displayName(Site->Callee));
      std::optional<rules::BlockingFinding> F = rules::blockingInCoroutine(Facts, Opts);
      if (!F)
        continue;
      diag(Path.front()->Loc, "%0") << F->Message;
      for (size_t I = 0; I < F->Notes.size(); ++I)
        diag(Path[I + 1]->Loc, "%0", DiagnosticIDs::Note) << F->Notes[I];
    }
  }
}

} // namespace concur
