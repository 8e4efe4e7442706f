//===- AsyncLaunchPolicyCheck.h -------------------------------------*- C++ -*-===//
//
// concur-async-launch-policy: std::async without an explicit launch policy may defer the task until get() and run it on the waiting thread: no concurrency at all (Python's executor always runs the task on a worker).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_POOLS_ASYNCLAUNCHPOLICYCHECK_H
#define CONCUR_CHECKS_POOLS_ASYNCLAUNCHPOLICYCHECK_H

#include "PoolCheckBase.h"

namespace concur {

class AsyncLaunchPolicyCheck : public PoolCheckBase {
public:
  AsyncLaunchPolicyCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  /// Also flag `std::launch::async | std::launch::deferred`, which leaves
  /// the choice to the library like no policy at all.
  const bool FlagCombinedPolicy;
};

} // namespace concur

#endif
