// concur-unguarded-shared-state across TUs (see CrossTranslationUnit.h).
//
// Who runs at the same time is known only in the TU that starts the
// threads (its SpawnSummary list, with the pairs that can overlap); what a
// thread touches may be in other TUs: the functions it calls there, and
// theirs, export their accesses to globals. For each TU, each pair of
// overlapping threads is checked for a global both touch, one writing,
// with no lock in common, where at least one access is in code reached
// through another TU (the in-TU check has seen the rest).
#include "CrossTranslationUnit.h"
#include "ReachedThroughCalls.h"
#include "SourceText.h"

#include "rules/PathNotes.h"
#include "rules/SharedStateRace.h"

#include "llvm/Support/Path.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace concur::crosstu {
namespace {

using report::FunctionSummary;
using report::ReachedCall;
using report::SharedAccessSummary;
using report::SpawnSummary;
using report::SummaryCall;
using report::TranslationUnitSummary;

constexpr const char *RaceCheck = "concur-unguarded-shared-state";
constexpr size_t MaxHops = 8;

/// An access a thread makes, with how it got there.
struct ThreadAccess {
  SharedAccessSummary A;  ///< Hops from the thread's entry
  bool Crossed = false;   ///< reached through a call into another TU
};

rules::RaceAccessKind kindOf(const SharedAccessSummary &A) {
  return A.Kind == "read"    ? rules::RaceAccessKind::Read
         : A.Kind == "write" ? rules::RaceAccessKind::Write
                             : rules::RaceAccessKind::Update;
}

/// Whether two lists of lock keys share one.
bool shareKey(const std::vector<std::string> &A, const std::vector<std::string> &B) {
  return std::any_of(A.begin(), A.end(),
                     [&](const std::string &K) { return std::count(B.begin(), B.end(), K) != 0; });
}

bool commonLock(const SharedAccessSummary &A, const SharedAccessSummary &B) {
  return shareKey(A.Held, B.Held);
}

/// Whether one-time initialisation orders \p A and \p B: one sets the
/// once-region's flag, the other reads it past a test made under a lock
/// the setting region's test holds too (model/OnceRegions.h).
bool onceOrdered(const SharedAccessSummary &A, const SharedAccessSummary &B) {
  return !A.Once.empty() && !B.Once.empty() && A.Once != B.Once &&
         shareKey(A.OnceTestHeld, B.OnceTestHeld);
}

/// The locks \p A holds, named as messages name them (a key without the
/// file that keeps a TU's own lock apart).
std::vector<std::string> heldNames(const SharedAccessSummary &A) {
  std::vector<std::string> Out;
  for (const std::string &Key : A.Held)
    Out.push_back(Key.substr(0, Key.find('@')));
  return Out;
}

/// \p Sub as seen from the caller of \p R: the call's path before its
/// hops, and the caller's locks at the call added; none if too long.
std::optional<SharedAccessSummary> through(const ReachedCall &R, const SharedAccessSummary &Sub) {
  if (R.Path.size() + Sub.Hops.size() > MaxHops)
    return std::nullopt;
  SharedAccessSummary A = Sub;
  A.Hops.insert(A.Hops.begin(), R.Path.begin(), R.Path.end());
  A.SetUp = Sub.SetUp || (R.SetUp && Sub.Kind != "read");
  for (const report::LockPath &H : R.Held)
    if (!std::count(A.Held.begin(), A.Held.end(), H.Lock.Key))
      A.Held.push_back(H.Lock.Key);
  return A;
}

/// What a thread of \p Spawn touches: inside its TU, and through its calls
/// into other TUs.
std::vector<ThreadAccess> threadAccesses(const SpawnSummary &Spawn,
                                         ReachedThroughCalls<SharedAccessSummary> &Reached) {
  // A one-time initialisation's writes are set-up (model/OnceRegions.h).
  std::vector<ThreadAccess> Out;
  for (const SharedAccessSummary &A : Spawn.Accesses)
    if (!A.SetUp)
      Out.push_back({A, false});
  for (const ReachedCall &R : Spawn.Calls)
    for (const SharedAccessSummary &Sub : Reached.of(R.Path.back().Usr))
      if (std::optional<SharedAccessSummary> A = through(R, Sub); A && !A->SetUp)
        Out.push_back({std::move(*A), true});
  return Out;
}

/// Where a thread of \p S runs, for a message or note shown in \p Shown.
std::string startedAt(const SpawnSummary &S, const std::string &Shown) {
  return rules::onThreadStartedAt(
      S.Line, S.File == Shown ? std::string() : llvm::sys::path::filename(S.File).str());
}

/// Notes for one side: where its thread starts and the calls down to the
/// access (the spawn's own call of an entry defined elsewhere is the start).
void noteThread(report::Finding &F, const SpawnSummary &S, const SharedAccessSummary &A) {
  F.Notes.push_back({rules::threadEntryNote(S.Entry), {S.File, S.Line, S.Column}});
  std::string Caller = S.Entry;
  for (const SummaryCall &Hop : A.Hops) {
    bool SpawnItself = Hop.File == S.File && Hop.Line == S.Line && Hop.Column == S.Column;
    if (!SpawnItself)
      F.Notes.push_back({rules::callNote(Caller, Hop.Name), {Hop.File, Hop.Line, Hop.Column}});
    Caller = Hop.Name;
  }
}

/// An access of one of a TU's threads (index Thread in its spawns).
struct ThreadSide {
  unsigned Thread;
  ThreadAccess X;
};

bool concurrent(const TranslationUnitSummary &TU, unsigned I, unsigned J) {
  auto Lists = [&](unsigned A, unsigned B) {
    return std::count(TU.Spawns[A].ConcurrentWith.begin(), TU.Spawns[A].ConcurrentWith.end(), B);
  };
  return Lists(I, J) || Lists(J, I);
}

/// The finding for a race rules::racesToReport chose: \p P shown, \p O
/// the other side.
report::Finding raceFinding(const TranslationUnitSummary &TU, const ThreadSide &P,
                            const ThreadSide &O) {
  const SharedAccessSummary &PA = P.X.A, &OA = O.X.A;
  const SpawnSummary &PS = TU.Spawns[P.Thread], &OS = TU.Spawns[O.Thread];
  rules::RaceWordingFacts Facts;
  Facts.Name = PA.Global.Name;
  Facts.Shown = {kindOf(PA), startedAt(PS, PA.File), heldNames(PA)};
  Facts.Other = {kindOf(OA), startedAt(OS, PA.File), heldNames(OA)};
  Facts.OtherWhereAtItself = startedAt(OS, OA.File);
  Facts.SameThread = P.Thread == O.Thread;
  Facts.SameEntry = PS.Entry == OS.Entry;
  Facts.SameAccess = &P == &O;
  Facts.CheckThenAct = PA.TestedLine != 0;
  rules::RaceFinding Words = rules::raceWording(Facts);
  report::Finding F;
  F.Check = RaceCheck;
  F.Loc = {PA.File, PA.Line, PA.Column};
  F.Function = PA.FindingFunction;
  F.Message = std::move(Words.Message);
  if (!Words.TestedNote.empty())
    F.Notes.push_back(
        {std::move(Words.TestedNote), {PA.TestedFile, PA.TestedLine, PA.TestedColumn}});
  noteThread(F, PS, PA);
  if (!Words.ConflictNote.empty())
    F.Notes.push_back({std::move(Words.ConflictNote), {OA.File, OA.Line, OA.Column}});
  if (&P != &O)
    noteThread(F, OS, OA);
  F.Fingerprint = report::computeFingerprint(F, sourceLine(PA.File, PA.Line), 0);
  return F;
}

} // namespace

std::vector<report::Finding>
racesAcrossUnits(const std::vector<TranslationUnitSummary> &Summaries) {
  std::vector<report::Finding> Out;
  Definitions Defs(Summaries);
  ReachedThroughCalls<SharedAccessSummary> Reached(
      Defs, [](const FunctionSummary &F) -> const auto & { return F.Accesses; }, through);
  std::set<std::tuple<std::string, unsigned, unsigned>> Reported;
  for (const TranslationUnitSummary &TU : Summaries) {
    if (TU.Spawns.empty() || !enabledIn(TU.EnabledChecks, RaceCheck))
      continue;
    const report::RaceOptions Options = TU.Options.Races.value_or(report::RaceOptions());
    // What the TU's threads touch, by global, in source order.
    std::map<std::string, std::vector<ThreadSide>> ByGlobal;
    std::map<std::tuple<std::string, unsigned, unsigned>, size_t> Sites;
    std::set<size_t> ReportedSites;
    for (unsigned I = 0; I < TU.Spawns.size(); ++I)
      for (ThreadAccess &X : threadAccesses(TU.Spawns[I], Reached))
        ByGlobal[X.A.Global.Key].push_back({I, std::move(X)});
    for (auto &[Key, Group] : ByGlobal) {
      std::stable_sort(Group.begin(), Group.end(), [](const ThreadSide &A, const ThreadSide &B) {
        return std::tie(A.X.A.File, A.X.A.Line, A.X.A.Column) <
               std::tie(B.X.A.File, B.X.A.Line, B.X.A.Column);
      });
      std::vector<rules::RaceAccessFacts> Facts;
      for (const ThreadSide &S : Group)
        Facts.push_back({kindOf(S.X.A), !S.X.A.Held.empty(),
                         Sites.try_emplace({S.X.A.File, S.X.A.Line, S.X.A.Column}, Sites.size())
                             .first->second});
      // The in-TU check has seen the races of accesses that cross no file.
      auto MayRace = [&](size_t I, size_t J) {
        const ThreadSide &X = Group[I], &Y = Group[J];
        return concurrent(TU, X.Thread, Y.Thread) && (X.X.Crossed || Y.X.Crossed) &&
               !commonLock(X.X.A, Y.X.A) && !onceOrdered(X.X.A, Y.X.A);
      };
      for (auto [I, J] : rules::racesToReport(Facts, MayRace, Options, ReportedSites)) {
        const SharedAccessSummary &P = Group[I].X.A;
        if (Reported.insert({P.File, P.Line, P.Column}).second &&
            !suppressed(Summaries, P.File, P.Line, RaceCheck))
          Out.push_back(raceFinding(TU, Group[I], Group[J]));
      }
    }
  }
  return Out;
}

} // namespace concur::crosstu
