#include "ConcurCheck.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace concur {

ConcurCheck::ConcurCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context) {
  ModelOpts.PoolSubmitFunctions = Options.getLocalOrGlobal("PoolSubmitFunctions", "");
}

void ConcurCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "PoolSubmitFunctions", ModelOpts.PoolSubmitFunctions);
}

void ConcurCheck::registerMatchers(MatchFinder *Finder) {
  // One match per TU: the model, not the matcher, finds the code to check.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void ConcurCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  analyze(ConcurrencyModel::get(*Result.Context, ModelOpts));
}

void ConcurCheck::onEndOfTranslationUnit() {
  if (Ctx)
    ConcurrencyModel::release(*Ctx);
  Ctx = nullptr;
}

} // namespace concur
