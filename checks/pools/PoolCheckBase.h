//===- PoolCheckBase.h - Options shared by the pool checks -----*- C++ -*-===//
//
// Every pool check needs to know the user's pool types, future types and
// waits. The options are read with getLocalOrGlobal, so one global
// CheckOption (e.g. `PoolTypes`) configures all pool checks at once.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_POOLS_POOLCHECKBASE_H
#define CONCUR_CHECKS_POOLS_POOLCHECKBASE_H

#include "../ConcurCheck.h"
#include "../model/PoolModel.h"

namespace concur {

class PoolCheckBase : public ConcurCheck {
public:
  PoolCheckBase(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  const std::string PoolTypes;
  const std::string FutureTypes;
  const std::string FutureWaitMethods;
  const std::string PoolWaitMethods;
  const PoolConfig Config;
};

} // namespace concur

#endif
