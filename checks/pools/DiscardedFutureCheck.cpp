#include "DiscardedFutureCheck.h"

#include "../model/QualifiedNames.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {

DiscardedFutureCheck::DiscardedFutureCheck(llvm::StringRef Name,
                                           clang::tidy::ClangTidyContext *Context)
    : PoolCheckBase(Name, Context),
      AllowExplicitDiscard(Options.get("AllowExplicitDiscard", true)) {}

void DiscardedFutureCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  PoolCheckBase::storeOptions(Opts);
  Options.store(Opts, "AllowExplicitDiscard", AllowExplicitDiscard);
}

void DiscardedFutureCheck::analyze(ConcurrencyModel &Model) {
  PoolModel &Pools = Model.analysis<PoolModel>();
  for (const FutureSource &Src : Pools.futureSources(Config)) {
    const BodyFacts &Facts = Pools.facts().of(Src.In);
    bool IsAsync = Src.Spawn && Src.Spawn->Kind == SpawnKind::Async;
    std::string Api = Src.Spawn ? Src.Spawn->FunctionName
                                : genericName(cast<CallExpr>(Src.Call)->getDirectCallee());
    SourceLocation Loc = Src.Call->getExprLoc();

    if (auto It = Facts.Discarded.find(Src.Call); It != Facts.Discarded.end()) {
      if (IsAsync) {
        diag(Loc, "the std::future returned by std::async is discarded: its destructor "
                  "waits for the task at the end of the statement, so this call runs "
                  "synchronously; keep the future and call get() after starting the "
                  "other work");
        continue;
      }
      if (It->second && AllowExplicitDiscard)
        continue;
      diag(Loc, "the future returned by '%0' is discarded: an exception thrown by the "
                "task is lost and nobody learns when it finishes; keep the future and "
                "call get(), or use a fire-and-forget API that reports errors")
          << Api;
      continue;
    }

    auto Stored = Facts.StoredInto.find(Src.Call);
    if (Stored == Facts.StoredInto.end() || !Stored->second->hasLocalStorage())
      continue;
    const VarDecl *Var = Stored->second;
    bool Waited = false, Escapes = false;
    auto UsesIt = Facts.Uses.find(Var);
    if (UsesIt != Facts.Uses.end())
      for (const VarUse &U : UsesIt->second) {
        if (U.UseKind == VarUse::Assigned)
          continue;
        if (U.UseKind == VarUse::Other) {
          Escapes = true; // passed on, moved, returned, captured: waited elsewhere
          continue;
        }
        CallSite Site;
        Site.Call = U.Call;
        Site.Callee = U.Method;
        Site.ObjectClass = classOfType(Var->getType());
        if (Config.isFutureWait(Site))
          Waited = true;
        else if (U.Method && U.Method->getName() != "valid")
          Escapes = true; // share(), then(), ...: the result goes somewhere
      }
    if (Waited || Escapes)
      continue;
    if (IsAsync && Src.Spawn->Policy == LaunchPolicy::Deferred)
      diag(Loc, "the deferred std::async task stored in '%0' is never waited on, so it "
                "never runs; call get() or wait() on '%0'")
          << Var->getName();
    else if (IsAsync)
      diag(Loc, "the std::future from std::async stored in '%0' is never waited on: "
                "its destructor blocks at the end of the scope and an exception thrown "
                "by the task is lost; call get() on '%0'")
          << Var->getName();
    else
      diag(Loc, "the future returned by '%0' is stored in '%1' but never waited on: an "
                "exception thrown by the task is lost; call get() on '%1'")
          << Api << Var->getName();
    diag(Var->getLocation(), "'%0' declared here", DiagnosticIDs::Note) << Var->getName();
  }
}

} // namespace concur
