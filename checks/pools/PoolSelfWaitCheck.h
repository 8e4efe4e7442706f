//===- PoolSelfWaitCheck.h -------------------------------------*- C++ -*-===//
//
// concur-pool-self-wait: a task running on pool P that blocks on a future of P (or on all of P's work): once every worker waits, the awaited tasks never run (the concurrent.futures deadlock).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_POOLS_POOLSELFWAITCHECK_H
#define CONCUR_CHECKS_POOLS_POOLSELFWAITCHECK_H

#include "PoolCheckBase.h"

namespace concur {

class PoolSelfWaitCheck : public PoolCheckBase {
public:
  PoolSelfWaitCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  const unsigned MaxCallDepth;
};

} // namespace concur

#endif
