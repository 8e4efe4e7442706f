// concur-lock-order-inversion across TUs (see CrossTranslationUnit.h).
//
// The joined graph has two kinds of edges:
//  - each TU's own edges (lock held -> lock acquired, both inside the TU);
//  - edges the join makes: a function holds A when it calls (possibly
//    through same-TU helpers) a function defined in another TU that
//    acquires B, there or in further TUs.
// Locks are joined by key (report::SummaryLock). A cycle is reported here
// only if no single TU has edges for all of its lock pairs: a cycle one TU
// sees whole is that TU's check's to report (or to dismiss).
#include "CrossTranslationUnit.h"
#include "ReachedThroughCalls.h"
#include "SourceText.h"

#include "rules/LockOrder.h"
#include "rules/PathNotes.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace concur::crosstu {
namespace {

using report::FunctionSummary;
using report::Location;
using report::LockOrderEdgeSummary;
using report::LockPath;
using report::ReachedCall;
using report::TranslationUnitSummary;

constexpr const char *LockOrderCheck = "concur-lock-order-inversion";

struct JoinedEdge {
  LockOrderEdgeSummary E;
  size_t Unit = 0;          ///< the TU of the function that holds the first lock
  bool AcrossFiles = false; ///< made by a call into another TU
};

const std::string &from(const JoinedEdge &J) { return J.E.Held.Lock.Key; }
const std::string &to(const JoinedEdge &J) { return J.E.Acquired.Lock.Key; }

/// Where a path starts in its function: the first call, or the operation.
Location start(const LockPath &P) {
  if (!P.Hops.empty())
    return {P.Hops.front().File, P.Hops.front().Line, P.Hops.front().Column};
  return {P.File, P.Line, P.Column};
}

auto sortKey(const JoinedEdge &J) {
  Location L = start(J.E.Acquired);
  return std::make_tuple(L.File, L.Line, L.Column, from(J), to(J), J.E.Function);
}

class LockJoin {
public:
  /// Paths to acquisitions are followed as far as \p Options say.
  LockJoin(const std::vector<TranslationUnitSummary> &Summaries,
           const report::LockOrderOptions &Options)
      : Summaries(Summaries), Options(Options), Defs(Summaries),
        Acquired(
            Defs, [](const FunctionSummary &F) -> const auto & { return F.Acquires; },
            [this](const ReachedCall &R, const LockPath &Sub) -> std::optional<LockPath> {
              if (!fits(R, Sub))
                return std::nullopt;
              LockPath P = Sub;
              P.Hops.insert(P.Hops.begin(), R.Path.begin(), R.Path.end());
              return P;
            },
            [](const LockPath &P) { return P.Lock.Key; }),
        PairsIn(Summaries.size()) {}

  /// Every edge, deduplicated (a header's function is in several TUs) and
  /// sorted by where the second lock is acquired.
  std::vector<JoinedEdge> edges() {
    for (size_t U = 0; U < Summaries.size(); ++U) {
      for (const LockOrderEdgeSummary &E : Summaries[U].LockEdges) {
        PairsIn[U].insert({E.Held.Lock.Key, E.Acquired.Lock.Key});
        add({E, U});
      }
      for (const FunctionSummary &F : Summaries[U].Functions)
        for (const ReachedCall &R : F.ReachedCalls)
          if (!R.Held.empty())
            addCallEdges(F, R, U);
    }
    std::sort(Edges.begin(), Edges.end(),
              [](const JoinedEdge &A, const JoinedEdge &B) { return sortKey(A) < sortKey(B); });
    return std::move(Edges);
  }

  /// Whether one TU has edges for every lock pair of \p Cycle.
  bool seenWholeByOneUnit(const std::vector<JoinedEdge> &All,
                          const std::vector<unsigned> &Cycle) const {
    return std::any_of(PairsIn.begin(), PairsIn.end(), [&](const auto &Pairs) {
      return std::all_of(Cycle.begin(), Cycle.end(), [&](unsigned E) {
        return Pairs.count({from(All[E]), to(All[E])}) != 0;
      });
    });
  }

private:
  bool fits(const ReachedCall &R, const LockPath &Sub) const {
    return rules::fitsCallDepth(R.Path.size() + Sub.Hops.size(), /*AcrossFiles=*/true, Options);
  }

  /// Edges for \p F holding R.Held while R's callee acquires more locks.
  void addCallEdges(const FunctionSummary &F, const ReachedCall &R, size_t Unit) {
    std::vector<std::string> HeldThere;
    for (const LockPath &H : R.Held)
      HeldThere.push_back(H.Lock.Key);
    for (const LockPath &Sub : Acquired.of(R.Path.back().Usr)) {
      // Taking a held lock again is a relock, not an order.
      if (std::count(HeldThere.begin(), HeldThere.end(), Sub.Lock.Key) || !fits(R, Sub))
        continue;
      LockPath Acquired = Sub;
      Acquired.Hops.insert(Acquired.Hops.begin(), R.Path.begin(), R.Path.end());
      for (const LockPath &H : R.Held)
        add({LockOrderEdgeSummary{F.Name, F.MainThreadOnly, H, Acquired, HeldThere,
                                  F.FindingFunction},
             Unit, true});
    }
  }

  void add(JoinedEdge J) {
    Location L = start(J.E.Acquired);
    if (Seen.insert({from(J), to(J), J.E.Function, L.File, L.Line, L.Column}).second)
      Edges.push_back(std::move(J));
  }

  const std::vector<TranslationUnitSummary> &Summaries;
  const report::LockOrderOptions Options;
  Definitions Defs;
  /// The locks a call of a function acquires, in its TU and further TUs.
  ReachedThroughCalls<LockPath> Acquired;
  std::vector<std::set<std::pair<std::string, std::string>>> PairsIn;
  std::set<std::tuple<std::string, std::string, std::string, std::string, unsigned, unsigned>>
      Seen;
  std::vector<JoinedEdge> Edges;
};

/// \p J as the decision (rules/LockOrder.h) sees it.
rules::OrderEdgeFacts facts(const JoinedEdge &J) {
  const LockOrderEdgeSummary &E = J.E;
  return {E.Held.Lock.Key,     E.Acquired.Lock.Key, E.Held.Lock.Name,
          E.Acquired.Lock.Name, E.Function,          E.HeldThere,
          E.Acquired.Hops.size(), J.AcrossFiles,     E.Held.Receiver,
          E.Acquired.Receiver};
}

/// Notes for a path of \p Function: one per call, then \p What at the
/// lock operation.
void notePath(report::Finding &F, const std::string &Function, const LockPath &P,
              const std::string &What) {
  std::string Caller = Function;
  for (const report::SummaryCall &Hop : P.Hops) {
    F.Notes.push_back({rules::callNote(Caller, Hop.Name), {Hop.File, Hop.Line, Hop.Column}});
    Caller = Hop.Name;
  }
  F.Notes.push_back({What + " here", {P.File, P.Line, P.Column}});
}

void noteEdge(report::Finding &F, const JoinedEdge &J) {
  const LockOrderEdgeSummary &E = J.E;
  if (E.Held.Line)
    notePath(F, E.Function, E.Held, rules::heldFromNote(facts(J)));
  notePath(F, E.Function, E.Acquired, rules::acquiredWhileHeldNote(facts(J)));
}

/// The findings for the TUs whose options are \p Options.
void lockOrderFindings(const std::vector<TranslationUnitSummary> &Summaries,
                       const report::LockOrderOptions &Options,
                       std::vector<report::Finding> &Out) {
  LockJoin Join(Summaries, Options);
  const std::vector<JoinedEdge> Edges = Join.edges();
  std::vector<rules::OrderEdgeFacts> Facts;
  for (const JoinedEdge &J : Edges)
    Facts.push_back(facts(J));
  auto MayRunTogether = [&](unsigned A, unsigned B) {
    return !(Edges[A].E.MainThreadOnly && Edges[B].E.MainThreadOnly);
  };
  // A cycle one TU sees whole is that TU's check's to report (or dismiss).
  auto SeenWhole = [&](const std::vector<unsigned> &Cycle) {
    return Join.seenWholeByOneUnit(Edges, Cycle);
  };
  for (rules::LockOrderFinding &Found :
       rules::lockOrderFindings(Facts, Options, MayRunTogether, SeenWhole)) {
    const JoinedEdge &First = Edges[Found.Cycle.front()];
    const TranslationUnitSummary &TU = Summaries[First.Unit];
    Location Loc = start(First.E.Acquired);
    if (!enabledIn(TU.EnabledChecks, LockOrderCheck) ||
        TU.Options.LockOrder.value_or(report::LockOrderOptions()) != Options ||
        suppressed(Summaries, Loc.File, Loc.Line, LockOrderCheck))
      continue;
    report::Finding F;
    F.Check = LockOrderCheck;
    F.Loc = Loc;
    F.Function = First.E.FindingFunction;
    F.Message = std::move(Found.Message);
    for (unsigned E : Found.Cycle)
      noteEdge(F, Edges[E]);
    F.Fingerprint = report::computeFingerprint(F, sourceLine(Loc.File, Loc.Line), 0);
    Out.push_back(std::move(F));
  }
}

} // namespace

std::vector<report::Finding>
lockOrderAcrossUnits(const std::vector<TranslationUnitSummary> &Summaries) {
  // Each finding follows the options of the TU that reports it: the join is
  // made once per set of options in use (in a project, usually one).
  std::vector<report::LockOrderOptions> InUse;
  for (const TranslationUnitSummary &TU : Summaries) {
    report::LockOrderOptions O = TU.Options.LockOrder.value_or(report::LockOrderOptions());
    if (enabledIn(TU.EnabledChecks, LockOrderCheck) &&
        std::find(InUse.begin(), InUse.end(), O) == InUse.end())
      InUse.push_back(O);
  }
  std::vector<report::Finding> Out;
  for (const report::LockOrderOptions &O : InUse)
    lockOrderFindings(Summaries, O, Out);
  return Out;
}

} // namespace concur::crosstu
