//===- RelockNonRecursiveCheck.h -------------------------------*- C++ -*-===//
//
// concur-relock-non-recursive: locking a non-recursive mutex that this path
// already holds, directly or in a same-TU callee. Python's threading.Lock
// deadlocks when its holder acquires it again (that is what RLock is for);
// std::mutex does the same or worse (undefined behaviour).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_LOCKS_RELOCKNONRECURSIVECHECK_H
#define CONCUR_CHECKS_LOCKS_RELOCKNONRECURSIVECHECK_H

#include "LockCheckBase.h"

namespace concur {

class RelockNonRecursiveCheck : public LockCheckBase {
public:
  using LockCheckBase::LockCheckBase;

protected:
  void analyze(ConcurrencyModel &Model) override;
};

} // namespace concur

#endif
