//===- DiscardedFutureCheck.h -------------------------------------*- C++ -*-===//
//
// concur-discarded-future: a future from std::async or a pool submit that is dropped or never waited on. A dropped std::async future waits in its destructor, so the "asynchronous" call runs synchronously; a dropped pool future swallows the task's exception (Python: a Future whose result() nobody calls).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_POOLS_DISCARDEDFUTURECHECK_H
#define CONCUR_CHECKS_POOLS_DISCARDEDFUTURECHECK_H

#include "PoolCheckBase.h"

namespace concur {

class DiscardedFutureCheck : public PoolCheckBase {
public:
  DiscardedFutureCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  /// `(void)pool.submit(f)` states fire-and-forget intent for pools (never
  /// for std::async, whose temporary still blocks).
  const bool AllowExplicitDiscard;
};

} // namespace concur

#endif
