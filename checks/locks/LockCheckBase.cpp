#include "LockCheckBase.h"

#include "../model/QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace concur {

LockCheckBase::LockCheckBase(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
                             bool FollowsCalls)
    : ConcurCheck(Name, Context), FollowsCalls(FollowsCalls),
      MaxCallDepth(FollowsCalls ? Options.get("MaxCallDepth", 8U) : 0U) {}

void LockCheckBase::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  if (FollowsCalls)
    Options.store(Opts, "MaxCallDepth", MaxCallDepth);
}

void LockCheckBase::noteHops(const CallPath &Chain) {
  if (Chain.size() > 1)
    notePath(Chain.front()->Callee, llvm::ArrayRef(Chain).drop_front());
}

void LockCheckBase::noteAcquisition(const FunctionDecl *From, const LockAcquisition &A,
                                    llvm::StringRef What) {
  if (!A.Chain.empty()) {
    diag(A.Chain.front()->Loc, "'%0' calls '%1' here", DiagnosticIDs::Note)
        << displayName(From) << displayName(A.Chain.front()->Callee);
    noteHops(A.Chain);
  }
  diag(A.Site->getBeginLoc(), "%0 here", DiagnosticIDs::Note) << What;
}

bool LockCheckBase::isUserCode(const ConcurrencyModel &Model, const FunctionDecl *F) const {
  return F && !Model.astContext().getSourceManager().isInSystemHeader(F->getLocation()) &&
         !LockCatalog::skipsLockAnalysis(F);
}

} // namespace concur
