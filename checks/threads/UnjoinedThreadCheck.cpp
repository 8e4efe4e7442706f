#include "UnjoinedThreadCheck.h"

#include "../model/QualifiedNames.h"
#include "../model/ThreadLifetime.h"

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {

UnjoinedThreadCheck::UnjoinedThreadCheck(llvm::StringRef Name,
                                         clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context),
      CheckExceptionPaths(Options.get("CheckExceptionPaths", true)),
      AssumeUnknownCallsThrow(Options.get("AssumeUnknownCallsThrow", false)) {}

void UnjoinedThreadCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "CheckExceptionPaths", CheckExceptionPaths);
  Options.store(Opts, "AssumeUnknownCallsThrow", AssumeUnknownCallsThrow);
}

void UnjoinedThreadCheck::analyze(ConcurrencyModel &Model) {
  ThreadLifetime &Threads = Model.analysis<ThreadLifetime>();
  llvm::DenseSet<const VarDecl *> FixOffered;
  for (const ThreadHazard &H : Threads.hazards(CheckExceptionPaths, AssumeUnknownCallsThrow)) {
    llvm::StringRef Name = H.Thread->getName();
    std::optional<DiagnosticBuilder> D;
    switch (H.HazardKind) {
    case ThreadHazard::DestroyedJoinable:
      // A jump leaves the scope where it starts; a block at its closing brace.
      D.emplace(diag(isa<CompoundStmt>(H.Where) ? H.Where->getEndLoc() : H.Where->getBeginLoc(),
                     "std::thread '%0' can be destroyed here while still joinable, "
                     "which calls std::terminate; join() it on every path out of its "
                     "scope, or use std::jthread, which joins in its destructor"));
      *D << Name;
      break;
    case ThreadHazard::ThrowWhileJoinable:
      if (H.Thrower)
        D.emplace(diag(H.Where->getBeginLoc(),
                       "if '%1' throws here, std::thread '%0' is destroyed while still "
                       "joinable and std::terminate is called; use std::jthread, or "
                       "join '%0' in a handler before the exception leaves its scope"));
      else
        D.emplace(diag(H.Where->getBeginLoc(),
                       "this throw destroys std::thread '%0' while it is still joinable, "
                       "which calls std::terminate; join '%0' first, or use std::jthread"));
      *D << Name;
      if (H.Thrower)
        *D << displayName(H.Thrower);
      break;
    case ThreadHazard::AssignedWhileJoinable:
      D.emplace(diag(H.Where->getBeginLoc(),
                     "assigning to std::thread '%0' while it is still joinable calls "
                     "std::terminate; join() or detach() it before giving it new work"));
      *D << Name;
      break;
    }
    if (H.JThreadFixApplies && FixOffered.insert(H.Thread).second) {
      SourceRange R = H.Thread->getTypeSourceInfo()->getTypeLoc().getSourceRange();
      *D << FixItHint::CreateReplacement(R, "std::jthread");
    }
    D.reset();
    diag(H.Thread->getLocation(), "'%0' is started here", DiagnosticIDs::Note) << Name;
  }
}

} // namespace concur
