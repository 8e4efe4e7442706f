//===- DetachedThreadCheck.h -----------------------------------*- C++ -*-===//
//
// concur-detached-thread: a detached thread keeps running after everything
// that could join it is gone, like Python's daemon thread. It must not use
// what dies before it: `this` of an object with automatic storage, or
// globals and statics whose destructors run at exit while the thread may
// still use them. Locals captured by reference are
// concur-thread-captures-local's finding, not this check's.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_THREADS_DETACHEDTHREADCHECK_H
#define CONCUR_CHECKS_THREADS_DETACHEDTHREADCHECK_H

#include "../ConcurCheck.h"

namespace concur {

class DetachedThreadCheck : public ConcurCheck {
public:
  DetachedThreadCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  const unsigned MaxCallDepth;
};

} // namespace concur

#endif
