//===- PoolInLoopCheck.h -------------------------------------*- C++ -*-===//
//
// concur-pool-in-loop: a thread pool constructed inside a loop, or in a function called from one, starts and joins all its workers every iteration (Python: creating processes is expensive).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_POOLS_POOLINLOOPCHECK_H
#define CONCUR_CHECKS_POOLS_POOLINLOOPCHECK_H

#include "PoolCheckBase.h"

namespace concur {

class PoolInLoopCheck : public PoolCheckBase {
public:
  PoolInLoopCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  const unsigned MaxCallDepth;
};

} // namespace concur

#endif
