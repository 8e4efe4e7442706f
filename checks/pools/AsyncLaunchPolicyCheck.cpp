#include "AsyncLaunchPolicyCheck.h"

using namespace clang;

namespace concur {

AsyncLaunchPolicyCheck::AsyncLaunchPolicyCheck(llvm::StringRef Name,
                                               clang::tidy::ClangTidyContext *Context)
    : PoolCheckBase(Name, Context),
      FlagCombinedPolicy(Options.get("FlagCombinedPolicy", false)) {}

void AsyncLaunchPolicyCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  PoolCheckBase::storeOptions(Opts);
  Options.store(Opts, "FlagCombinedPolicy", FlagCombinedPolicy);
}

void AsyncLaunchPolicyCheck::analyze(ConcurrencyModel &Model) {
  for (const SpawnSite &S : Model.analysis<SpawnSites>().all()) {
    if (S.Kind != SpawnKind::Async || !S.Callable)
      continue;
    if (S.Policy == LaunchPolicy::Unspecified) {
      auto D = diag(S.Site->getExprLoc(),
                    "std::async without a launch policy may defer the task and run it "
                    "on the thread that calls get(), with no concurrency; pass "
                    "std::launch::async");
      SourceLocation At = S.Callable->getBeginLoc();
      if (At.isValid() && !At.isMacroID())
        D << FixItHint::CreateInsertion(At, "std::launch::async, ");
    } else if (S.Policy == LaunchPolicy::Either && FlagCombinedPolicy) {
      diag(S.Site->getExprLoc(),
           "std::async with 'std::launch::async | std::launch::deferred' leaves the "
           "choice to the library, which may run the task deferred; pass "
           "std::launch::async alone");
    }
  }
}

} // namespace concur
