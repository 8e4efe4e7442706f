//===- WaitWithoutPredicateCheck.h -----------------------------*- C++ -*-===//
//
// concur-wait-without-predicate: the two ways a condition-variable hand-off
// loses its signal, the C++ side of the hazard map's Event
// (docs/hazard-map.md):
//  - a wait with no predicate and no loop re-checking the state: it wakes
//    spuriously, or sleeps forever when the notify came before the wait;
//  - a notify after the waited-on state was changed without holding the
//    wait's mutex: a waiter between its test and its wait misses it (lost
//    wake-up).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_LOCKS_WAITWITHOUTPREDICATECHECK_H
#define CONCUR_CHECKS_LOCKS_WAITWITHOUTPREDICATECHECK_H

#include "LockCheckBase.h"

namespace concur {

struct ConditionNotify;
class ConditionWaits;

class WaitWithoutPredicateCheck : public LockCheckBase {
public:
  WaitWithoutPredicateCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  void checkNotify(ConcurrencyModel &Model, const ConditionWaits &Conditions,
                   const ConditionNotify &Notify);

  /// Also report notifies after unlocked changes of the waited-on state.
  const bool CheckLostWakeups;
};

} // namespace concur

#endif
