#include "LockDiscipline.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace concur::rules {
namespace {

using report::FieldAccessFact;
using report::HeldKey;

const HeldKey *findKey(const FieldAccessFact &A, const std::string &Key) {
  for (const HeldKey &H : A.Held)
    if (H.Key == Key)
      return &H;
  return nullptr;
}

bool owns(const FieldAccessFact &A, const std::string &Key) {
  return std::find(A.Owned.begin(), A.Owned.end(), Key) != A.Owned.end();
}

/// Held well enough: any mode for a read, exclusively for a write.
bool guardedBy(const FieldAccessFact &A, const std::string &Key) {
  const HeldKey *H = findKey(A, Key);
  return H && (!A.Write || H->Exclusive);
}

bool sameSite(const FieldAccessFact &A, const FieldAccessFact &B) {
  return A.File == B.File && A.Line == B.Line && A.Column == B.Column;
}

/// Whether \p A and \p B hold a lock in common that keeps them apart (one
/// of them holds it exclusively).
bool exclude(const FieldAccessFact &A, const FieldAccessFact &B) {
  return std::any_of(A.Held.begin(), A.Held.end(), [&](const HeldKey &H) {
    const HeldKey *Other = findKey(B, H.Key);
    return Other && (H.Exclusive || Other->Exclusive);
  });
}

/// Whether \p A and \p B can be made on one object: no const member of it
/// truthy for one and falsy for the other (`m=1` against `m=0`).
bool sameMode(const FieldAccessFact &A, const FieldAccessFact &B) {
  return std::none_of(A.Modes.begin(), A.Modes.end(), [&](const std::string &M) {
    std::string Other = M.substr(0, M.size() - 1) + (M.back() == '1' ? "0" : "1");
    return std::find(B.Modes.begin(), B.Modes.end(), Other) != B.Modes.end();
  });
}

/// Whether every access \p A conflicts with shares a lock with it.
bool keptApart(const std::vector<FieldAccessFact> &All, const FieldAccessFact &A) {
  bool Conflicts = false;
  for (const FieldAccessFact &B : All) {
    if (sameSite(A, B) || (!A.Write && !B.Write) || !sameMode(A, B))
      continue;
    Conflicts = true;
    if (!exclude(A, B))
      return false;
  }
  return Conflicts;
}

/// Whether some write site holds \p Key exclusively on every path that
/// reaches it.
bool lockedSomewhereAlways(const std::vector<FieldAccessFact> &All, const std::string &Key) {
  for (const FieldAccessFact &A : All) {
    if (!A.Write || !guardedBy(A, Key))
      continue;
    if (std::all_of(All.begin(), All.end(), [&](const FieldAccessFact &B) {
          return !B.Write || !sameSite(A, B) || guardedBy(B, Key);
        }))
      return true;
  }
  return false;
}

} // namespace

std::optional<DisciplineVerdict> decideLockDiscipline(const report::FieldDiscipline &Facts) {
  const std::vector<FieldAccessFact> &All = Facts.Accesses;
  DisciplineVerdict V;
  // Keys in first-seen order, so that ties go the same way in both phases.
  std::vector<std::pair<std::string, unsigned>> WritesUnder;
  for (const FieldAccessFact &A : All) {
    if (!A.Write)
      continue;
    ++V.Writes;
    for (const HeldKey &H : A.Held) {
      if (!H.Exclusive || !owns(A, H.Key))
        continue;
      auto It = std::find_if(WritesUnder.begin(), WritesUnder.end(),
                             [&](const auto &P) { return P.first == H.Key; });
      if (It == WritesUnder.end())
        WritesUnder.push_back({H.Key, 1});
      else
        ++It->second;
    }
  }
  // The writes show the lock is meant for the field when it is held at
  // half of them or more, or when some write site is never reached without
  // it. A lock that most writes do without, and that each write holds only
  // when one of its callers happens to (a helper that prints under its
  // callers' stream mutex and that a third caller runs bare), is held for
  // other state.
  for (const auto &[Key, Count] : WritesUnder)
    if (Count > V.LockedWrites && (2 * Count >= V.Writes || lockedSomewhereAlways(All, Key)))
      V.Lock = Key, V.LockedWrites = Count;
  if (V.Lock.empty())
    return std::nullopt;

  bool HaveExample = false;
  for (size_t I = 0; I < All.size(); ++I)
    if (All[I].Write && guardedBy(All[I], V.Lock) &&
        (!HaveExample || (!All[V.Example].Direct && All[I].Direct)))
      V.Example = I, HaveExample = true;

  std::set<std::tuple<std::string, unsigned, unsigned>> Seen;
  for (size_t I = 0; I < All.size(); ++I) {
    const FieldAccessFact &A = All[I];
    // A method of a class that cannot name the lock (a base class's
    // push_front() that a derived class calls under its own mutex) leaves
    // the locking to its caller: the discipline is the lock owner's.
    // In a mode of the object where no write holds the lock (a branch on a
    // const member), the lock is not the field's there.
    bool LockedInMode = std::any_of(All.begin(), All.end(), [&](const FieldAccessFact &B) {
      return B.Write && guardedBy(B, V.Lock) && sameMode(A, B);
    });
    if (guardedBy(A, V.Lock) || (!A.Write && !Facts.ReportReads) || !owns(A, V.Lock) ||
        !A.Reportable || !LockedInMode || keptApart(All, A) ||
        !Seen.insert({A.File, A.Line, A.Column}).second)
      continue;
    V.Breaches.push_back({I, findKey(A, V.Lock) != nullptr});
  }
  return V;
}

} // namespace concur::rules
