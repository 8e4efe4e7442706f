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

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Path.h"

#include <algorithm>
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

bool isWrite(const SharedAccessSummary &A) { return A.Kind != "read"; }

const char *verb(const SharedAccessSummary &A) {
  return A.Kind == "read" ? "read" : A.Kind == "write" ? "written" : "updated";
}

bool commonLock(const SharedAccessSummary &A, const SharedAccessSummary &B) {
  return std::any_of(A.Held.begin(), A.Held.end(), [&](const std::string &K) {
    return std::count(B.Held.begin(), B.Held.end(), K) != 0;
  });
}

std::string heldText(const SharedAccessSummary &A) {
  if (A.Held.empty())
    return "no lock";
  std::string Out = "only ";
  for (size_t I = 0; I < A.Held.size(); ++I) {
    std::string Name = A.Held[I].substr(0, A.Held[I].find('@'));
    Out += (I ? " and '" : "'") + Name + "'";
  }
  return Out;
}

/// \p Sub as seen from the caller of \p R: the call's path before its
/// hops, and the caller's locks at the call added; none if too long.
std::optional<SharedAccessSummary> through(const ReachedCall &R, const SharedAccessSummary &Sub) {
  if (R.Path.size() + Sub.Hops.size() > MaxHops)
    return std::nullopt;
  SharedAccessSummary A = Sub;
  A.Hops.insert(A.Hops.begin(), R.Path.begin(), R.Path.end());
  for (const report::LockPath &H : R.Held)
    if (!std::count(A.Held.begin(), A.Held.end(), H.Lock.Key))
      A.Held.push_back(H.Lock.Key);
  return A;
}

/// What a thread of \p Spawn touches: inside its TU, and through its calls
/// into other TUs.
std::vector<ThreadAccess> threadAccesses(const SpawnSummary &Spawn,
                                         ReachedThroughCalls<SharedAccessSummary> &Reached) {
  std::vector<ThreadAccess> Out;
  for (const SharedAccessSummary &A : Spawn.Accesses)
    Out.push_back({A, false});
  for (const ReachedCall &R : Spawn.Calls)
    for (const SharedAccessSummary &Sub : Reached.of(R.Path.back().Usr))
      if (std::optional<SharedAccessSummary> A = through(R, Sub))
        Out.push_back({std::move(*A), true});
  return Out;
}

std::string startedAt(const SpawnSummary &S) {
  return "on the thread started at line " + std::to_string(S.Line) + " of " +
         llvm::sys::path::filename(S.File).str();
}

/// Notes for one side: where its thread starts and the calls down to the
/// access (the spawn's own call of an entry defined elsewhere is the start).
void noteThread(report::Finding &F, const SpawnSummary &S, const SharedAccessSummary &A) {
  F.Notes.push_back({"thread entry '" + S.Entry + "' starts here", {S.File, S.Line, S.Column}});
  std::string Caller = S.Entry;
  for (const SummaryCall &Hop : A.Hops) {
    bool SpawnItself = Hop.File == S.File && Hop.Line == S.Line && Hop.Column == S.Column;
    if (!SpawnItself)
      F.Notes.push_back({"'" + Caller + "' calls '" + Hop.Name + "' here",
                         {Hop.File, Hop.Line, Hop.Column}});
    Caller = Hop.Name;
  }
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
    std::vector<std::vector<ThreadAccess>> Threads;
    // Only a pair with an access through another TU can be new here: a
    // thread pair with none is passed by without comparing its accesses
    // (the pairs grow as the square of a TU's threads).
    std::vector<bool> Crosses;
    for (const SpawnSummary &S : TU.Spawns) {
      Threads.push_back(threadAccesses(S, Reached));
      Crosses.push_back(llvm::any_of(Threads.back(), [](const ThreadAccess &T) {
        return T.Crossed;
      }));
    }
    for (unsigned I = 0; I < TU.Spawns.size(); ++I)
      for (unsigned J : TU.Spawns[I].ConcurrentWith) {
        if (J < I || J >= TU.Spawns.size() || !(Crosses[I] || Crosses[J]))
          continue;
        for (const ThreadAccess &X : Threads[I])
          for (const ThreadAccess &Y : Threads[J]) {
            const SharedAccessSummary &A = X.A, &B = Y.A;
            if (A.Global.Key != B.Global.Key || !(isWrite(A) || isWrite(B)) ||
                !(X.Crossed || Y.Crossed) || commonLock(A, B))
              continue;
            // Report the side that needs the fix: the unlocked one, else
            // the write.
            bool AFirst = A.Held.empty() != B.Held.empty() ? A.Held.empty()
                          : isWrite(A) != isWrite(B)       ? isWrite(A)
                                                           : true;
            const SharedAccessSummary &P = AFirst ? A : B, &O = AFirst ? B : A;
            const SpawnSummary &PS = TU.Spawns[AFirst ? I : J], &OS = TU.Spawns[AFirst ? J : I];
            if (!Reported.insert({P.File, P.Line, P.Column}).second ||
                suppressed(P.File, P.Line, RaceCheck))
              continue;
            std::string OtherWhere =
                I == J ? std::string("on another instance of that thread") : startedAt(OS);
            // The message names PS's start first: a second thread started
            // on that same line is not named by its line again.
            std::string OtherInMessage = OtherWhere;
            if (I != J && OS.File == PS.File && OS.Line == PS.Line)
              OtherInMessage = OS.Entry == PS.Entry ? "on another instance of that thread"
                                                    : "on another thread started on that line";
            report::Finding F;
            F.Check = RaceCheck;
            F.Loc = {P.File, P.Line, P.Column};
            F.Function = P.Hops.empty() ? PS.Entry : P.Hops.back().Name;
            if (P.Kind == "update")
              F.Message = "read-modify-write of shared '" + P.Global.Name + "' " +
                          startedAt(PS) + " is not atomic and races with it being " + verb(O) +
                          " " + OtherInMessage + " (" +
                          (P.Held.empty() && O.Held.empty() ? "no lock" : "no common lock") +
                          " held on both sides); make it std::atomic or hold one mutex "
                          "around both";
            else
              F.Message = "shared '" + P.Global.Name + "' is " + verb(P) + " " + startedAt(PS) +
                          " with " + heldText(P) + " held, and " + verb(O) + " " + OtherInMessage +
                          " with " + heldText(O) + " held; guard both with one mutex or make "
                          "it std::atomic";
            noteThread(F, PS, P);
            if (O.File != P.File || O.Line != P.Line || O.Column != P.Column || I != J)
              F.Notes.push_back({std::string("conflicting ") + (isWrite(O) ? "write" : "read") +
                                     " of '" + O.Global.Name + "' " + OtherWhere,
                                 {O.File, O.Line, O.Column}});
            if (I != J || &P != &O)
              noteThread(F, OS, O);
            F.Fingerprint = report::computeFingerprint(F, sourceLine(P.File, P.Line), 0);
            Out.push_back(std::move(F));
          }
      }
  }
  return Out;
}

} // namespace concur::crosstu
