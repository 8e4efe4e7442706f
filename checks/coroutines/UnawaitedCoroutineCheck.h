//===- UnawaitedCoroutineCheck.h -------------------------------*- C++ -*-===//
//
// concur-unawaited-coroutine: calling a lazy coroutine only creates its
// frame; the body runs when the returned task is awaited or started. A task
// that is discarded, or kept in a local that is never awaited, started,
// returned or passed on, never runs: C++'s form of Python's "coroutine ...
// was never awaited". Discarded awaiters (an asynchronous sleep that is
// called but not awaited) do nothing either.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_COROUTINES_UNAWAITEDCOROUTINECHECK_H
#define CONCUR_CHECKS_COROUTINES_UNAWAITEDCOROUTINECHECK_H

#include "../ConcurCheck.h"

#include "llvm/ADT/StringSet.h"

namespace concur {

class UnawaitedCoroutineCheck : public ConcurCheck {
public:
  UnawaitedCoroutineCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  bool isLanguageVersionSupported(const clang::LangOptions &LO) const override {
    return LO.CPlusPlus20;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  const std::string AwaitableTypes;
  const bool ReportAwaiters;
  llvm::StringSet<> ConfiguredTypes;
};

} // namespace concur

#endif
