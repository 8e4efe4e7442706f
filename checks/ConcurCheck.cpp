#include "ConcurCheck.h"

#include "model/CallGraph.h"
#include "model/QualifiedNames.h"
#include "model/SummaryExport.h"
#include "rules/PathNotes.h"
#include "rules/SharedStateRace.h"

#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace concur {

ConcurCheck::ConcurCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), CheckName(Name.str()) {
  ModelOpts.PoolSubmitFunctions = Options.getLocalOrGlobal("PoolSubmitFunctions", "");
  ModelOpts.Summaries = SummarySink::attachedTo(*Context);
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
  ConcurrencyModel &Model = ConcurrencyModel::get(*Result.Context, ModelOpts);
  Model.noteEnabledCheck(CheckName, summaryParts());
  AnalysisStats::Timer Time(AnalysisStats::Section::Check, CheckName);
  analyze(Model);
}

void ConcurCheck::onEndOfTranslationUnit() {
  if (!Ctx)
    return;
  // The first concur check to finish the TU exports its summary (for the
  // CLI's cross-TU phase, when it attached a sink) and drops the model;
  // matching for the TU is over by now.
  if (ConcurrencyModel *Model = ConcurrencyModel::ifBuilt(*Ctx)) {
    if (SummarySink *Sink = Model->options().Summaries) {
      AnalysisStats::Timer Time(AnalysisStats::Section::Analysis, "SummaryExport");
      Sink->consume(summarizeTranslationUnit(*Model));
    }
    ConcurrencyModel::release(*Ctx);
  }
  Ctx = nullptr;
}

void ConcurCheck::notePath(const clang::FunctionDecl *From,
                           llvm::ArrayRef<const CallSite *> Hops) {
  for (const CallSite *Hop : Hops) {
    diag(Hop->Loc, "%0", clang::DiagnosticIDs::Note)
        << rules::callNote(displayName(From), displayName(Hop->Callee));
    From = Hop->Callee;
  }
}

std::string lockName(const LockId &Id) {
  const auto *Var = llvm::dyn_cast_or_null<clang::VarDecl>(Id.Decl);
  if (!Var)
    return Id.name();
  clang::QualType T = Var->getType().getNonReferenceType();
  bool LeadsToMutex = T->isPointerType();
  if (const auto *RD = T->getAsCXXRecordDecl(); RD && RD->hasDefinition())
    for (const clang::CXXMethodDecl *M : RD->methods())
      LeadsToMutex |= M->getOverloadedOperator() == clang::OO_Star;
  return LeadsToMutex ? "*" + Id.name() : Id.name();
}

std::vector<std::string> lockNames(const Lockset &Set) {
  std::vector<std::string> Names;
  for (const HeldLock &H : Set)
    Names.push_back(lockName(H.Id));
  return Names;
}

std::string lockList(const Lockset &Set) { return rules::quotedList(lockNames(Set)); }

} // namespace concur
