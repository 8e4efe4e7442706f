//===- BlockingCallInCoroutineCheck.h --------------------------*- C++ -*-===//
//
// concur-blocking-call-in-coroutine: a coroutine that calls something that
// parks the thread (sleep, join, future wait, blocking I/O), directly or
// through functions it calls, freezes every other task on its event loop:
// the C++ form of running blocking code inside `async def`.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_COROUTINES_BLOCKINGCALLINCOROUTINECHECK_H
#define CONCUR_CHECKS_COROUTINES_BLOCKINGCALLINCOROUTINECHECK_H

#include "../ConcurCheck.h"
#include "../model/BlockingCallCatalog.h"
#include "Summary.h"

namespace concur {

class BlockingCallInCoroutineCheck : public ConcurCheck {
public:
  BlockingCallInCoroutineCheck(llvm::StringRef Name,
                               clang::tidy::ClangTidyContext *Context);
  bool isLanguageVersionSupported(const clang::LangOptions &LO) const override {
    return LO.CPlusPlus20;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  /// BlockingFunctions, AllowedFunctions, ReportLockAcquisition and
  /// MaxCallDepth: also handed to the cross-TU join with the TU's summary.
  const report::BlockingOptions Opts;
  const BlockingCallCatalog Catalog;
};

} // namespace concur

#endif
