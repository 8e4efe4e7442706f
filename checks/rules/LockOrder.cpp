#include "LockOrder.h"

#include "model/OrderCycles.h"

#include <algorithm>

namespace concur::rules {
namespace {

// A third lock held at both places serialises them (a "gate" lock): they
// cannot deadlock on each other.
bool sharesGateLock(const OrderEdgeFacts &A, const OrderEdgeFacts &B) {
  return std::any_of(A.HeldThere.begin(), A.HeldThere.end(), [&](const std::string &H) {
    return H != A.From && H != B.To &&
           std::find(B.HeldThere.begin(), B.HeldThere.end(), H) != B.HeldThere.end();
  });
}

/// Whether \p A and \p B (the two orders of one pair of locks) may take
/// each lock on one object: a virtual override and the base body it
/// replaces never run on the same object.
bool mayBeOneObjectEach(const OrderEdgeFacts &A, const OrderEdgeFacts &B) {
  return !report::differentReceivers(A.FromReceiver, B.ToReceiver) &&
         !report::differentReceivers(A.ToReceiver, B.FromReceiver);
}

bool anyPairInCycle(const std::vector<unsigned> &Cycle,
                    llvm::function_ref<bool(unsigned, unsigned)> Conflict) {
  for (size_t I = 0; I < Cycle.size(); ++I)
    for (size_t J = I + 1; J < Cycle.size(); ++J)
      if (Conflict(Cycle[I], Cycle[J]))
        return true;
  return false;
}

/// Two locks: the first edge acquires To holding From, \p Second the other
/// way round.
std::string inversionMessage(const OrderEdgeFacts &First, const OrderEdgeFacts &Second) {
  return "lock order inversion: '" + First.Function + "' acquires '" + First.ToName +
         "' while holding '" + First.FromName + "', but '" + Second.Function + "' acquires '" +
         First.FromName + "' while holding '" + First.ToName +
         "'; if both run at the same time each can wait for the other forever: take both "
         "at once with std::scoped_lock, or always take them in one order";
}

std::string cycleMessage(const std::vector<OrderEdgeFacts> &Edges,
                         const std::vector<unsigned> &Cycle) {
  const OrderEdgeFacts &First = Edges[Cycle.front()];
  std::string Chain;
  for (unsigned E : Cycle)
    Chain += (Chain.empty() ? "'" : " -> '") + Edges[E].FromName + "'";
  Chain += " -> '" + First.FromName + "'";
  return "lock order cycle " + Chain + ": '" + First.Function + "' acquires '" + First.ToName +
         "' while holding '" + First.FromName +
         "', and the other acquisitions close the cycle; threads taking these locks can "
         "deadlock: take them in one global order";
}

} // namespace

bool fitsCallDepth(size_t Calls, bool AcrossFiles, const report::LockOrderOptions &Options) {
  return Calls <= (AcrossFiles ? 2 : 1) * size_t(Options.MaxCallDepth);
}

std::vector<LockOrderFinding>
lockOrderFindings(const std::vector<OrderEdgeFacts> &Edges,
                  const report::LockOrderOptions &Options,
                  llvm::function_ref<bool(unsigned, unsigned)> MayRunTogether,
                  llvm::function_ref<bool(const std::vector<unsigned> &)> LeftToOthers) {
  auto Fits = [&](const OrderEdgeFacts &E) {
    return fitsCallDepth(E.Calls, E.AcrossFiles, Options);
  };
  auto Conflict = [&](unsigned A, unsigned B) {
    return Fits(Edges[A]) && Fits(Edges[B]) && !sharesGateLock(Edges[A], Edges[B]) &&
           !sharesGateLock(Edges[B], Edges[A]) && MayRunTogether(A, B);
  };
  std::vector<OrderEdge> Pairs;
  for (const OrderEdgeFacts &E : Edges)
    Pairs.emplace_back(E.From, E.To);

  std::vector<LockOrderFinding> Out;
  for (std::vector<unsigned> Cycle :
       shortestCycles(Pairs, std::max(2U, Options.MaxCycleLength))) {
    if (LeftToOthers && LeftToOthers(Cycle))
      continue;
    if (Cycle.size() == 2) {
      // The first pair of witnesses of the two orders that can run together.
      std::optional<std::vector<unsigned>> Witness;
      const OrderEdgeFacts &C = Edges[Cycle[0]];
      for (unsigned A = 0; A < Edges.size() && !Witness; ++A) {
        if (Edges[A].From != C.From || Edges[A].To != C.To)
          continue;
        for (unsigned B = 0; B < Edges.size() && !Witness; ++B)
          if (Edges[B].From == C.To && Edges[B].To == C.From && Conflict(A, B) &&
              mayBeOneObjectEach(Edges[A], Edges[B]))
            Witness = std::vector<unsigned>{A, B};
      }
      if (!Witness)
        continue;
      Cycle = *Witness;
    } else if (!anyPairInCycle(Cycle, Conflict)) {
      continue;
    }
    std::string Message = Cycle.size() == 2 ? inversionMessage(Edges[Cycle[0]], Edges[Cycle[1]])
                                            : cycleMessage(Edges, Cycle);
    Out.push_back({std::move(Cycle), std::move(Message)});
  }
  return Out;
}

std::string heldFromNote(const OrderEdgeFacts &E) {
  return "'" + E.Function + "' holds '" + E.FromName + "' from";
}

std::string acquiredWhileHeldNote(const OrderEdgeFacts &E) {
  return "'" + E.ToName + "' is acquired while '" + E.FromName + "' is held";
}

} // namespace concur::rules
