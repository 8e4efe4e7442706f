//===- SerializedSubmitCheck.h -------------------------------------*- C++ -*-===//
//
// concur-serialized-submit: a loop that submits a task and waits on its future in the same iteration runs one task at a time (Python: submit + result() in a loop instead of map).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_POOLS_SERIALIZEDSUBMITCHECK_H
#define CONCUR_CHECKS_POOLS_SERIALIZEDSUBMITCHECK_H

#include "PoolCheckBase.h"

namespace concur {

class SerializedSubmitCheck : public PoolCheckBase {
public:
  SerializedSubmitCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;
};

} // namespace concur

#endif
