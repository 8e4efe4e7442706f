#include "PoolCheckBase.h"

namespace concur {

PoolCheckBase::PoolCheckBase(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context), PoolTypes(Options.getLocalOrGlobal("PoolTypes", "")),
      FutureTypes(Options.getLocalOrGlobal("FutureTypes", "")),
      FutureWaitMethods(Options.getLocalOrGlobal("FutureWaitMethods", "")),
      PoolWaitMethods(Options.getLocalOrGlobal("PoolWaitMethods", "")),
      Config(PoolTypes, FutureTypes, FutureWaitMethods, PoolWaitMethods) {}

void PoolCheckBase::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "PoolTypes", PoolTypes);
  Options.store(Opts, "FutureTypes", FutureTypes);
  Options.store(Opts, "FutureWaitMethods", FutureWaitMethods);
  Options.store(Opts, "PoolWaitMethods", PoolWaitMethods);
}

} // namespace concur
