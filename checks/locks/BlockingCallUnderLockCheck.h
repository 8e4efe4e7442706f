//===- BlockingCallUnderLockCheck.h ----------------------------*- C++ -*-===//
//
// concur-blocking-call-under-lock: sleeping, joining a thread, waiting on a
// future or another condition, or blocking I/O while holding a mutex, directly
// or in a same-TU callee. Every other thread that needs the mutex stalls for
// as long as the call blocks (the hazard map's (docs/hazard-map.md) critical
// sections: keep them short; a Semaphore, not a held Lock, limits
// concurrency). A condition variable's own wait on the held mutex releases it
// and is fine.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_LOCKS_BLOCKINGCALLUNDERLOCKCHECK_H
#define CONCUR_CHECKS_LOCKS_BLOCKINGCALLUNDERLOCKCHECK_H

#include "../model/BlockingCallCatalog.h"
#include "LockCheckBase.h"

namespace concur {

class BlockingCallUnderLockCheck : public LockCheckBase {
public:
  BlockingCallUnderLockCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

  /// Output calls not reported unless ReportFileOutput (for the docs).
  static llvm::ArrayRef<const char *> fileOutputFunctions();

private:
  const std::string BlockingFunctions;
  const std::string AllowedFunctions;
  /// Also report file and stream output (write, fwrite, ofstream <<, ...):
  /// off by default, since writing a line under the lock that keeps log
  /// lines whole is bounded I/O and a common idiom.
  const bool ReportFileOutput;
  const BlockingCallCatalog Catalog;
};

} // namespace concur

#endif
