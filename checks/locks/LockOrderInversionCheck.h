//===- LockOrderInversionCheck.h -------------------------------*- C++ -*-===//
//
// concur-lock-order-inversion: two (or more) mutexes acquired in opposite
// orders by code that can run at the same time. Each thread holds one lock and
// waits for the other: the classic deadlock the hazard map's
// (docs/hazard-map.md) Lock section warns about, found on the TU's lock-order
// graph (model/LockOrderGraph.h).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_LOCKS_LOCKORDERINVERSIONCHECK_H
#define CONCUR_CHECKS_LOCKS_LOCKORDERINVERSIONCHECK_H

#include "LockCheckBase.h"

namespace concur {

struct LockOrderEdge;

class LockOrderInversionCheck : public LockCheckBase {
public:
  LockOrderInversionCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;
  unsigned summaryParts() const override { return ConcurrencyModel::ExportLockOrder; }

private:
  /// Notes for one edge of a cycle: where its first lock is held and the
  /// chain to the second acquisition.
  void noteEdge(const LockOrderEdge &E);

  /// Longest cycle reported (2 = only pairwise inversions).
  const unsigned MaxCycleLength;
};

} // namespace concur

#endif
