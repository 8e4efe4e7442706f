//===- ThreadCapturesLocalCheck.h ------------------------------*- C++ -*-===//
//
// concur-thread-captures-local: a local handed by reference (captured by
// reference, std::ref, &local) to a thread or task that can still be running
// when the local's function returns: the thread is detached, returned, stored
// in a field or global, moved out of the local that held it, or submitted to a
// pool nobody waits for. The hazard map's "threads share memory"
// (docs/hazard-map.md), where the memory is a stack frame that goes away.
// Built on SharedAccesses (bindings, escaping spawns, where a holder is
// abandoned) and ThreadLifetime (detaches; a std::thread destroyed joinable is
// concur-unjoined-thread's finding).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_RACES_THREADCAPTURESLOCALCHECK_H
#define CONCUR_CHECKS_RACES_THREADCAPTURESLOCALCHECK_H

#include "../ConcurCheck.h"

namespace concur {

class ThreadCapturesLocalCheck : public ConcurCheck {
public:
  ThreadCapturesLocalCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  /// Also report locals passed by address (`&local`) to the thread.
  const bool CheckAddressArguments;
};

} // namespace concur

#endif
