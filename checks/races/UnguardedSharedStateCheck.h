//===- UnguardedSharedStateCheck.h -----------------------------*- C++ -*-===//
//
// concur-unguarded-shared-state: two accesses to one shared location, at least
// one a write, from thread contexts that can run at the same time, with no
// lock held on both sides: the hazard map's (docs/hazard-map.md) race
// condition (the shared counter, the bank balance), found by a lockset
// analysis in the style of RacerD on the shared model (SharedAccesses,
// Locksets, SpawnSites).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_RACES_UNGUARDEDSHAREDSTATECHECK_H
#define CONCUR_CHECKS_RACES_UNGUARDEDSHAREDSTATECHECK_H

#include "../ConcurCheck.h"
#include "Summary.h"

namespace concur {

struct Access;

class UnguardedSharedStateCheck : public ConcurCheck {
public:
  UnguardedSharedStateCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;
  unsigned summaryParts() const override { return ConcurrencyModel::ExportAccesses; }

private:
  /// ReportReads (reads that race with a write, not only the writes) and
  /// MaxFindingsPerLocation: also handed to the cross-TU join with the
  /// TU's summary.
  const report::RaceOptions Opts;
};

} // namespace concur

#endif
