// concur-inconsistent-locking across TUs (see CrossTranslationUnit.h).
//
// Each TU decides a field's discipline on what it sees, and exports the
// facts of every field it reported on. Here the same decision
// (rules/LockDiscipline.h) is made again with, at each access, the locks
// every caller of its interface method holds program-wide
// (CallerLocks.h). A report that no TU's second decision keeps is
// withdrawn: `equals()` reading a delegate's target without the
// delegate's mutex, when every call of it, in every file, is made under the
// event's mutex that every write of the target holds too; or a registry's
// `destroy_services()` that only its owner's destructor calls.
#include "CallerLocks.h"
#include "CrossTranslationUnit.h"

#include "rules/LockDiscipline.h"

#include <set>
#include <tuple>

namespace concur::crosstu {
namespace {

using SiteKey = std::tuple<std::string, unsigned, unsigned>;

constexpr const char *DisciplineCheck = "concur-inconsistent-locking";

void breaches(const report::FieldDiscipline &Facts, std::set<SiteKey> &Out) {
  if (std::optional<rules::DisciplineVerdict> V = rules::decideLockDiscipline(Facts))
    for (const rules::DisciplineVerdict::Breach &B : V->Breaches) {
      const report::FieldAccessFact &A = Facts.Accesses[B.Access];
      Out.insert({A.File, A.Line, A.Column});
    }
}

/// \p Facts with each access's locks joined by those every caller of its
/// method holds, and without the accesses of methods that only run while
/// their object is built or destroyed (as the check leaves out
/// constructors and destructors).
report::FieldDiscipline withCallers(report::FieldDiscipline Facts, CallerLocks &Callers) {
  std::erase_if(Facts.Accesses, [&](const report::FieldAccessFact &A) {
    return Callers.runsOnlyUnshared(A.Root);
  });
  for (report::FieldAccessFact &A : Facts.Accesses)
    for (const report::HeldKey &H : Callers.heldByEveryCaller(A.Root))
      addHeld(A.Held, H);
  return Facts;
}

} // namespace

void withdrawRefuted(std::vector<report::Finding> &Findings,
                     const std::vector<report::TranslationUnitSummary> &Summaries) {
  std::set<SiteKey> Reported, Kept;
  std::optional<CallerLocks> Callers;
  for (const report::TranslationUnitSummary &TU : Summaries)
    for (const report::FieldDiscipline &Facts : TU.FieldDisciplines) {
      if (!Callers)
        Callers.emplace(Summaries);
      breaches(Facts, Reported);
      breaches(withCallers(Facts, *Callers), Kept);
    }
  std::erase_if(Findings, [&](const report::Finding &F) {
    SiteKey At{F.Loc.File, F.Loc.Line, F.Loc.Column};
    return F.Check == DisciplineCheck && Reported.count(At) && !Kept.count(At);
  });
}

} // namespace concur::crosstu
