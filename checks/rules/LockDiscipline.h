//===- LockDiscipline.h - concur-inconsistent-locking's decision -*- C++ -*-===//
//
// Which accesses to a field break its class's locking discipline, decided
// from plain facts (report::FieldDiscipline: each access's locks by key) so
// that the per-TU check and the cross-TU join decide alike: the check on
// what its TU shows, the join again once the locks every caller holds
// program-wide are added (a virtual `equals()` that only a registry calls,
// under the registry's mutex).
//
// The rule: the field's lock is the lock its class owns that is held
// exclusively at the most writes, if it is held at half of them or more or
// some write site holds it on every path that reaches it (a lock most
// writes do without, held at the others only when a caller of theirs
// happens to hold it, is held for other state). An access made without it is reported,
// unless it shares a lock with every access it conflicts with (any access
// when it writes, the writes when it reads): a field written under both the
// object's mutex and its owner's, and read under either, is never raced.
// Accesses in different modes of the object (the two sides of a branch on
// a const member) are never made on one object: they do not conflict, and
// in a mode where no write holds the lock, the lock is not the field's.
//
// Clang-free, like the summaries it reads.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_RULES_LOCKDISCIPLINE_H
#define CONCUR_CHECKS_RULES_LOCKDISCIPLINE_H

#include "Summary.h"

#include <optional>

namespace concur::rules {

struct DisciplineVerdict {
  std::string Lock;   ///< key of the lock the class uses for the field
  unsigned LockedWrites = 0, Writes = 0;
  size_t Example = 0; ///< a write made holding Lock, for the note
  struct Breach {
    size_t Access = 0;       ///< index into the facts' accesses
    bool SharedOnly = false; ///< holds Lock, but only shared, for a write
    /// The discipline in the access's mode of the object (the whole
    /// field's, unless a branch on a const member splits it): its lock,
    /// how many of the mode's writes hold it, and a write that does.
    std::string Lock;
    unsigned LockedWrites = 0, Writes = 0;
    size_t Example = 0;
  };
  std::vector<Breach> Breaches;
};

/// The discipline of \p Facts and the accesses that break it; none when
/// no write holds a lock the class owns.
std::optional<DisciplineVerdict> decideLockDiscipline(const report::FieldDiscipline &Facts);

} // namespace concur::rules

#endif
