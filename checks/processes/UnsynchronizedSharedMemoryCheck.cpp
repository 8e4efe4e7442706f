#include "UnsynchronizedSharedMemoryCheck.h"
#include "../model/SharedMemoryModel.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace concur {

UnsynchronizedSharedMemoryCheck::UnsynchronizedSharedMemoryCheck(
    llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context),
      ProcessSharedLockTypes(Options.get("ProcessSharedLockTypes", "")) {
  for (llvm::StringRef T : clang::tidy::utils::options::parseStringList(ProcessSharedLockTypes))
    ExtraLockTypes.insert(T.ltrim(':'));
}

void UnsynchronizedSharedMemoryCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "ProcessSharedLockTypes", ProcessSharedLockTypes);
}

void UnsynchronizedSharedMemoryCheck::analyze(ConcurrencyModel &Model) {
  SharedMemoryModel &Shared = Model.analysis<SharedMemoryModel>();
  llvm::DenseSet<const Expr *> Reported;
  for (const SharedWrite &W : Shared.writes()) {
    // Writes before any fork (or not placed after one) run in one process;
    // a named mapping (shm_open) is shared with other programs anyway.
    if (W.Synchronized || (W.Contexts.empty() && !W.Region->Named) ||
        !Shared.contended(*W.Region) ||
        !Reported.insert(W.Write).second)
      continue;
    std::string PrivateLock;
    bool Configured = false;
    for (const auto &[LockName, LockType] : W.OtherLocks) {
      if (ExtraLockTypes.contains(llvm::StringRef(LockType).ltrim(':')))
        Configured = true;
      else if (PrivateLock.empty())
        PrivateLock = LockName;
    }
    if (Configured)
      continue;
    std::string Who = W.Region->Named
                          ? "other processes that map the same shm_open object"
                          : "several processes";
    std::string LockNote =
        PrivateLock.empty()
            ? ""
            : "; the lock '" + PrivateLock +
                  "' held here is a separate copy in each process and excludes nobody";
    diag(W.Write->getExprLoc(),
         "plain write to shared memory through '%0', which %1 may update at the same time, "
         "with no process-shared lock or atomic: concurrent updates are lost%2; use an "
         "atomic (std::atomic_ref, or an atomic type in the mapping) or hold a pthread "
         "mutex initialised with PTHREAD_PROCESS_SHARED that lives in the mapping "
         "(concur::SharedValue and concur::SharedArray do this)")
        << W.Region->Pointer->getName() << Who << LockNote;
    diag(W.Region->Mapping->getExprLoc(), "the memory is mapped MAP_SHARED here",
         DiagnosticIDs::Note);
    if (!W.Contexts.empty()) {
      const WriterContext &C = W.Contexts.front();
      const char *Where = C.Side == WriterContext::Parent
                              ? "this write runs in the parent after this fork()"
                          : Shared.forkInLoop(*C.Fork)
                              ? "this write runs in every child of this fork(), which is in "
                                "a loop"
                              : "this write runs in the child of this fork()";
      diag(C.Fork->Call->getExprLoc(), Where, DiagnosticIDs::Note);
    }
    // Another process's write to the same memory, if there is one.
    for (const SharedWrite &Other : Shared.writes())
      if (Other.Write != W.Write && Other.Region->Mapping == W.Region->Mapping &&
          !Other.Contexts.empty() && !W.Contexts.empty() &&
          !(Other.Contexts.front() == W.Contexts.front())) {
        diag(Other.Write->getExprLoc(), "another process writes it here", DiagnosticIDs::Note);
        break;
      }
  }
}

} // namespace concur
