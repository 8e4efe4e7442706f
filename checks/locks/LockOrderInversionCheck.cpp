#include "LockOrderInversionCheck.h"

#include "../model/LockOrderGraph.h"
#include "../model/OrderCycles.h"
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
    } else if (!anyPairInCycle(Cycle, [&](unsigned A, unsigned B) {
                 return Conflict(Edges[A], Edges[B]);
               })) {
      continue;
    }

    const LockOrderEdge &First = Edges[Cycle[0]];
    const LockOrderEdge &Second = Edges[Cycle[1]];
    std::string Message;
    if (Cycle.size() == 2) {
      Message = lockInversionMessage(displayName(First.Function), First.To, First.From,
                                     displayName(Second.Function));
    } else {
      std::vector<std::string> Order;
      for (unsigned E : Cycle)
        Order.push_back(Edges[E].From);
      Order.push_back(First.From);
      Message = lockCycleMessage(Order, displayName(First.Function), First.To, First.From);
    }
    diag(edgeLocation(First), "%0") << Message;
    for (unsigned E : Cycle)
      noteEdge(Edges[E]);
  }
}

} // namespace concur
