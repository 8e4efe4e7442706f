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

/// The lock the writes among \p All that \p InScope admits show is meant
/// for the field: the owned lock held exclusively at the most of them, if
/// at half of them or more, or if some write site is never reached without
/// it. A lock that most writes do without, and that each write holds only
/// when one of its callers happens to (a helper that prints under its
/// callers' stream mutex and that a third caller runs bare), is held for
/// other state. Also the example write for the note.
template <typename ScopeFn>
DisciplineVerdict::Breach chooseLock(const std::vector<FieldAccessFact> &All, ScopeFn InScope) {
  DisciplineVerdict::Breach Choice{};
  std::vector<std::pair<std::string, unsigned>> WritesUnder; // first-seen order
  for (const FieldAccessFact &A : All) {
    if (!A.Write || !InScope(A))
      continue;
    ++Choice.Writes;
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
  for (const auto &[Key, Count] : WritesUnder)
    if (Count > Choice.LockedWrites &&
        (2 * Count >= Choice.Writes || lockedSomewhereAlways(All, Key)))
      Choice.Lock = Key, Choice.LockedWrites = Count;
  bool HaveExample = false;
  for (size_t I = 0; I < All.size() && !Choice.Lock.empty(); ++I)
    if (All[I].Write && InScope(All[I]) && guardedBy(All[I], Choice.Lock) &&
        (!HaveExample || (!All[Choice.Example].Direct && All[I].Direct)))
      Choice.Example = I, HaveExample = true;
  return Choice;
}

} // namespace

std::optional<DisciplineVerdict> decideLockDiscipline(const report::FieldDiscipline &Facts) {
  const std::vector<FieldAccessFact> &All = Facts.Accesses;
  DisciplineVerdict::Breach Overall = chooseLock(All, [](const FieldAccessFact &) { return true; });
  if (Overall.Lock.empty())
    return std::nullopt;
  DisciplineVerdict V;
  V.Lock = Overall.Lock;
  V.LockedWrites = Overall.LockedWrites;
  V.Writes = Overall.Writes;
  V.Example = Overall.Example;
  bool AnyModes = std::any_of(All.begin(), All.end(),
                              [](const FieldAccessFact &A) { return !A.Modes.empty(); });

  std::set<std::tuple<std::string, unsigned, unsigned>> Seen;
  for (size_t I = 0; I < All.size(); ++I) {
    const FieldAccessFact &A = All[I];
    // In a mode of the object (a branch on a const member), the discipline
    // is what the writes that can share the object with A do: another lock,
    // or none.
    DisciplineVerdict::Breach Here =
        AnyModes ? chooseLock(All, [&](const FieldAccessFact &B) { return sameMode(A, B); })
                 : Overall;
    // A method of a class that cannot name the lock (a base class's
    // push_front() that a derived class calls under its own mutex) leaves
    // the locking to its caller: the discipline is the lock owner's.
    if (Here.Lock.empty() || guardedBy(A, Here.Lock) || (!A.Write && !Facts.ReportReads) ||
        !owns(A, Here.Lock) || !A.Reportable || keptApart(All, A) ||
        !Seen.insert({A.File, A.Line, A.Column}).second)
      continue;
    Here.Access = I;
    Here.SharedOnly = findKey(A, Here.Lock) != nullptr;
    V.Breaches.push_back(std::move(Here));
  }
  return V;
}

} // namespace concur::rules
