//===- InconsistentLockingCheck.h ------------------------------*- C++ -*-===//
//
// concur-inconsistent-locking: a class that takes a lock is meant to be used
// from several threads. A field written with lock L held in one public method
// and read or written without L in another breaks that class's own locking
// discipline (the hazard map's (docs/hazard-map.md) Lock: the shared counter
// updated inside `with lock:` in one place and outside it in another). Unlike
// concur-unguarded-shared-state it needs no thread in the TU: the class's
// locking is the evidence, as in RacerD's lock-consistency reports.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_RACES_INCONSISTENTLOCKINGCHECK_H
#define CONCUR_CHECKS_RACES_INCONSISTENTLOCKINGCHECK_H

#include "../ConcurCheck.h"
#include "../rules/LockDiscipline.h"

namespace concur {

class InconsistentLockingCheck : public ConcurCheck {
public:
  InconsistentLockingCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;
  unsigned summaryParts() const override { return ConcurrencyModel::ExportDisciplines; }

private:
  struct Occurrence;
  report::FieldDiscipline factsOf(ConcurrencyModel &Model, llvm::ArrayRef<Occurrence> Occurrences,
                                  llvm::StringRef Field) const;
  void report(const report::FieldDiscipline &Facts, const rules::DisciplineVerdict &V,
              llvm::ArrayRef<Occurrence> Occurrences);

  /// Report unlocked reads, not only unlocked writes.
  const bool ReportReads;
  /// Count protected methods as the class's interface, with public ones.
  const bool IncludeProtected;
};

} // namespace concur

#endif
