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

#include "model/OrderCycles.h"

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
// The check's own defaults (MaxCycleLength, and twice MaxCallDepth for a
// path that crosses files).
constexpr unsigned MaxCycleLength = 4;
constexpr size_t MaxHops = 8;

struct JoinedEdge {
  LockOrderEdgeSummary E;
  size_t Unit = 0; ///< the TU of the function that holds the first lock
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
  explicit LockJoin(const std::vector<TranslationUnitSummary> &Summaries)
      : Summaries(Summaries), Defs(Summaries),
        Acquired(
            Defs, [](const FunctionSummary &F) -> const auto & { return F.Acquires; },
            [](const ReachedCall &R, const LockPath &Sub) -> std::optional<LockPath> {
              if (R.Path.size() + Sub.Hops.size() > MaxHops)
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
  /// Edges for \p F holding R.Held while R's callee acquires more locks.
  void addCallEdges(const FunctionSummary &F, const ReachedCall &R, size_t Unit) {
    std::vector<std::string> HeldThere;
    for (const LockPath &H : R.Held)
      HeldThere.push_back(H.Lock.Key);
    for (const LockPath &Sub : Acquired.of(R.Path.back().Usr)) {
      // Taking a held lock again is a relock, not an order.
      if (std::count(HeldThere.begin(), HeldThere.end(), Sub.Lock.Key) ||
          R.Path.size() + Sub.Hops.size() > MaxHops)
        continue;
      LockPath Acquired = Sub;
      Acquired.Hops.insert(Acquired.Hops.begin(), R.Path.begin(), R.Path.end());
      for (const LockPath &H : R.Held)
        add({LockOrderEdgeSummary{F.Name, F.MainThreadOnly, H, Acquired, HeldThere}, Unit});
    }
  }

  void add(JoinedEdge J) {
    Location L = start(J.E.Acquired);
    if (Seen.insert({from(J), to(J), J.E.Function, L.File, L.Line, L.Column}).second)
      Edges.push_back(std::move(J));
  }

  const std::vector<TranslationUnitSummary> &Summaries;
  Definitions Defs;
  /// The locks a call of a function acquires, in its TU and further TUs.
  ReachedThroughCalls<LockPath> Acquired;
  std::vector<std::set<std::pair<std::string, std::string>>> PairsIn;
  std::set<std::tuple<std::string, std::string, std::string, std::string, unsigned, unsigned>>
      Seen;
  std::vector<JoinedEdge> Edges;
};

// A third lock held at both places serialises them (a "gate" lock).
bool sharesGateLock(const JoinedEdge &A, const JoinedEdge &B) {
  for (const std::string &H : A.E.HeldThere)
    if (H != from(A) && H != to(B) &&
        std::count(B.E.HeldThere.begin(), B.E.HeldThere.end(), H))
      return true;
  return false;
}

bool conflict(const JoinedEdge &A, const JoinedEdge &B) {
  return !(A.E.MainThreadOnly && B.E.MainThreadOnly) && !sharesGateLock(A, B) &&
         !sharesGateLock(B, A);
}

/// Notes for a path of \p Function: one per call, then \p What at the
/// lock operation.
void notePath(report::Finding &F, const std::string &Function, const LockPath &P,
              const std::string &What) {
  std::string Caller = Function;
  for (const report::SummaryCall &Hop : P.Hops) {
    F.Notes.push_back({"'" + Caller + "' calls '" + Hop.Name + "' here",
                       {Hop.File, Hop.Line, Hop.Column}});
    Caller = Hop.Name;
  }
  F.Notes.push_back({What + " here", {P.File, P.Line, P.Column}});
}

void noteEdge(report::Finding &F, const LockOrderEdgeSummary &E) {
  if (E.Held.Line)
    notePath(F, E.Function, E.Held, "'" + E.Function + "' holds '" + E.Held.Lock.Name + "' from");
  notePath(F, E.Function, E.Acquired,
           "'" + E.Acquired.Lock.Name + "' is acquired while '" + E.Held.Lock.Name + "' is held");
}

} // namespace

std::vector<report::Finding>
lockOrderAcrossUnits(const std::vector<TranslationUnitSummary> &Summaries) {
  LockJoin Join(Summaries);
  const std::vector<JoinedEdge> Edges = Join.edges();
  std::vector<OrderEdge> Pairs;
  for (const JoinedEdge &J : Edges)
    Pairs.emplace_back(from(J), to(J));

  std::vector<report::Finding> Out;
  for (std::vector<unsigned> Cycle : shortestCycles(Pairs, MaxCycleLength)) {
    if (Join.seenWholeByOneUnit(Edges, Cycle))
      continue;
    if (Cycle.size() == 2) {
      // The first pair of witnesses of the two orders that can run together.
      std::optional<std::vector<unsigned>> Witness;
      for (unsigned A = 0; A < Edges.size() && !Witness; ++A) {
        if (from(Edges[A]) != from(Edges[Cycle[0]]) || to(Edges[A]) != to(Edges[Cycle[0]]))
          continue;
        for (unsigned B = 0; B < Edges.size() && !Witness; ++B)
          if (from(Edges[B]) == to(Edges[A]) && to(Edges[B]) == from(Edges[A]) &&
              conflict(Edges[A], Edges[B]))
            Witness = std::vector<unsigned>{A, B};
      }
      if (!Witness)
        continue;
      Cycle = *Witness;
    } else if (!anyPairInCycle(Cycle, [&](unsigned A, unsigned B) {
                 return conflict(Edges[A], Edges[B]);
               })) {
      continue;
    }

    const JoinedEdge &First = Edges[Cycle[0]];
    const LockOrderEdgeSummary &A = First.E, &B = Edges[Cycle[1]].E;
    Location Loc = start(A.Acquired);
    if (!enabledIn(Summaries[First.Unit].EnabledChecks, LockOrderCheck) ||
        suppressed(Loc.File, Loc.Line, LockOrderCheck))
      continue;
    report::Finding F;
    F.Check = LockOrderCheck;
    F.Loc = Loc;
    F.Function = A.Function;
    if (Cycle.size() == 2) {
      F.Message = lockInversionMessage(A.Function, A.Acquired.Lock.Name, A.Held.Lock.Name,
                                       B.Function);
    } else {
      std::vector<std::string> Order;
      for (unsigned E : Cycle)
        Order.push_back(Edges[E].E.Held.Lock.Name);
      Order.push_back(A.Held.Lock.Name);
      F.Message = lockCycleMessage(Order, A.Function, A.Acquired.Lock.Name, A.Held.Lock.Name);
    }
    for (unsigned E : Cycle)
      noteEdge(F, Edges[E].E);
    F.Fingerprint = report::computeFingerprint(F, sourceLine(Loc.File, Loc.Line), 0);
    Out.push_back(std::move(F));
  }
  return Out;
}

} // namespace concur::crosstu
