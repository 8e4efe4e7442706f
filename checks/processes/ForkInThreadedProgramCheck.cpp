#include "ForkInThreadedProgramCheck.h"
#include "../model/ForkModel.h"

#include "../model/QualifiedNames.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace concur {

ForkInThreadedProgramCheck::ForkInThreadedProgramCheck(llvm::StringRef Name,
                                                       clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context), ForkFunctions(Options.get("ForkFunctions", "")) {
  for (const char *N : ForkModel::defaultForkFunctions())
    ForkNames.insert(N);
  for (llvm::StringRef N : clang::tidy::utils::options::parseStringList(ForkFunctions))
    ForkNames.insert(N.ltrim(':'));
}

void ForkInThreadedProgramCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "ForkFunctions", ForkFunctions);
}

void ForkInThreadedProgramCheck::analyze(ConcurrencyModel &Model) {
  ForkModel &Forks = Model.analysis<ForkModel>();
  for (const ForkSite &Fork : Forks.forks(ForkNames)) {
    const ChildBranch *Child = Fork.Opaque ? nullptr : &Forks.childOf(Fork);
    if (Child && Child->Result == ChildBranch::ExecsAtOnce)
      continue;
    std::optional<ThreadEvidence> Threads = Forks.threadsAt(Fork);
    if (!Threads)
      continue;

    const char *Why = "the child gets a copy of every lock but only this thread, so a lock "
                      "another thread held at the fork (malloc's, stdio's, a logger's) "
                      "stays locked forever in the child";
    SourceLocation Loc = Fork.Call->getExprLoc();
    if (!Child) {
      std::string Api = "a function";
      if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Fork.Call))
        Api = genericName(Ctor->getConstructor()->getParent());
      else if (const auto *Call = dyn_cast<CallExpr>(Fork.Call);
               Call && Call->getDirectCallee())
        Api = displayName(Call->getDirectCallee());
      diag(Loc, "'%0' forks processes while other threads may be running: %1; create "
                "it before starting any thread")
          << Api << Why;
    } else if (Child->Result == ChildBranch::CallsBeforeExec) {
      diag(Loc, "fork() while other threads may be running, and the child calls '%0' "
                "before exec: %1; only async-signal-safe calls are safe there: exec or "
                "_exit at once in the child (or use posix_spawn), or fork before "
                "starting threads")
          << displayName(Child->UnsafeCallee) << Why;
      diag(Child->FirstUnsafeCall->getExprLoc(), "the child calls '%0' here, before any exec",
           DiagnosticIDs::Note)
          << displayName(Child->UnsafeCallee);
    } else if (Child->Result == ChildBranch::ReturnsIntoProgram) {
      diag(Loc, "fork() while other threads may be running, and the child returns into "
                "the program without exec or _exit: %0; exec or _exit at once in the "
                "child, or fork before starting threads")
          << Why;
    } else {
      diag(Loc, "fork() while other threads may be running, and its result is never "
                "tested, so the child runs on with the parent's code: %0; test for the "
                "child (pid 0) and exec or _exit there at once, or fork before starting "
                "threads")
          << Why;
    }

    if (Threads->RunsOn) {
      diag(Threads->RunsOn->Site->getExprLoc(), "this fork runs on a thread started here",
           DiagnosticIDs::Note);
      // The path ends with the fork itself: name the calls on the way.
      for (size_t I = 0; I + 1 < Threads->ToFork.size(); ++I)
        diag(Threads->ToFork[I]->Loc, "the thread calls '%0' here", DiagnosticIDs::Note)
            << displayName(Threads->ToFork[I]->Callee);
      continue;
    }
    for (const CallSite *Hop : Threads->ToFork)
      diag(Hop->Loc, "'%0' is called here, while a thread may be running",
           DiagnosticIDs::Note)
          << displayName(Hop->Callee);
    for (const CallSite *Hop : Threads->ToStart)
      diag(Hop->Loc, "'%0' is called here and leaves a thread running", DiagnosticIDs::Note)
          << displayName(Hop->Callee);
    diag(Threads->Start->getExprLoc(), "a thread is started here and may still run at the fork",
         DiagnosticIDs::Note);
  }
}

} // namespace concur
