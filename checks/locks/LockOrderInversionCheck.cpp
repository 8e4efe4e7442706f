#include "LockOrderInversionCheck.h"

#include "../model/LockOrderGraph.h"
#include "../model/QualifiedNames.h"
#include "../model/ThreadContexts.h"

#include "clang/AST/Expr.h"

using namespace clang;

namespace concur {
namespace {

SourceLocation edgeLocation(const LockOrderEdge &E) {
  return E.Acquired.Chain.empty() ? E.Acquired.Site->getBeginLoc() : E.Acquired.Chain.front()->Loc;
}

// A third lock held at both places serialises them (a "gate" lock): they
// cannot deadlock on each other.
bool sharesGateLock(const LockOrderEdge &A, const LockOrderEdge &B) {
  for (const HeldLock &H : A.HeldThere)
    if (H.Id != A.FromId && H.Id != B.ToId && findLock(B.HeldThere, H.Id))
      return true;
  return false;
}

} // namespace

LockOrderInversionCheck::LockOrderInversionCheck(llvm::StringRef Name,
                                                 clang::tidy::ClangTidyContext *Context)
    : LockCheckBase(Name, Context), MaxCycleLength(Options.get("MaxCycleLength", 4U)) {}

void LockOrderInversionCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  LockCheckBase::storeOptions(Opts);
  Options.store(Opts, "MaxCycleLength", MaxCycleLength);
}

void LockOrderInversionCheck::noteEdge(const LockOrderEdge &E) {
  if (E.HeldVia)
    noteAcquisition(E.Function, *E.HeldVia,
                    "'" + displayName(E.Function) + "' holds '" + E.From + "' from");
  noteAcquisition(E.Function, E.Acquired,
                  "'" + E.To + "' is acquired while '" + E.From + "' is held");
}

void LockOrderInversionCheck::analyze(ConcurrencyModel &Model) {
  const auto &Graph = Model.analysis<LockOrderGraph>();
  const std::vector<LockOrderEdge> &Edges = Graph.edges();
  auto Fits = [&](const LockOrderEdge &E) { return E.Acquired.Chain.size() <= MaxCallDepth; };
  auto Conflict = [&](const LockOrderEdge &A, const LockOrderEdge &B) {
    return Fits(A) && Fits(B) && !sharesGateLock(A, B) && !sharesGateLock(B, A) &&
           // Who runs where is built on the first cycle (the model caches it).
           Model.analysis<ThreadContexts>().mayRunConcurrently(A.Function, B.Function);
  };

  for (std::vector<unsigned> Cycle : Graph.cycles(std::max(2U, MaxCycleLength))) {
    if (Cycle.size() == 2) {
      // Any pair of witnesses of the two orders that can run together.
      bool Found = false;
      for (unsigned A : Graph.edgesFrom(Edges[Cycle[0]].From)) {
        if (Edges[A].To != Edges[Cycle[0]].To)
          continue;
        for (unsigned B : Graph.edgesFrom(Edges[Cycle[1]].From))
          if (Edges[B].To == Edges[Cycle[1]].To && Conflict(Edges[A], Edges[B])) {
            Cycle = {A, B};
            Found = true;
            break;
          }
        if (Found)
          break;
      }
      if (!Found)
        continue;
    } else {
      bool Any = false;
      for (size_t I = 0; I < Cycle.size() && !Any; ++I)
        for (size_t J = I + 1; J < Cycle.size() && !Any; ++J)
          Any = Conflict(Edges[Cycle[I]], Edges[Cycle[J]]);
      if (!Any)
        continue;
    }

    const LockOrderEdge &First = Edges[Cycle[0]];
    const LockOrderEdge &Second = Edges[Cycle[1]];
    if (Cycle.size() == 2) {
      diag(edgeLocation(First),
           "lock order inversion: '%0' acquires '%1' while holding '%2', but '%3' acquires "
           "'%2' while holding '%1'; if both run at the same time each can wait for the "
           "other forever: take both at once with std::scoped_lock, or always take them in "
           "one order")
          << displayName(First.Function) << First.To << First.From << displayName(Second.Function);
    } else {
      std::string Order;
      for (unsigned E : Cycle)
        Order += "'" + Edges[E].From + "' -> ";
      Order += "'" + First.From + "'";
      diag(edgeLocation(First),
           "lock order cycle %0: '%1' acquires '%2' while holding '%3', and the other "
           "acquisitions close the cycle; threads taking these locks can deadlock: take them "
           "in one global order")
          << Order << displayName(First.Function) << First.To << First.From;
    }
    for (unsigned E : Cycle)
      noteEdge(Edges[E]);
  }
}

} // namespace concur
