#include "LockOrderInversionCheck.h"

#include "../model/LockOrderGraph.h"
#include "../model/QualifiedNames.h"
#include "../model/SummaryExport.h"
#include "../model/ThreadContexts.h"
#include "../model/LockReceivers.h"
#include "../rules/LockOrder.h"

#include "clang/AST/Expr.h"

using namespace clang;

namespace concur {
namespace {

SourceLocation edgeLocation(const LockOrderEdge &E) {
  return E.Acquired.Chain.empty() ? E.Acquired.Site->getBeginLoc() : E.Acquired.Chain.front()->Loc;
}

/// \p E as the decision (rules/LockOrder.h) sees it.
rules::OrderEdgeFacts facts(const LockOrderEdge &E, LockReceivers &Receivers) {
  rules::OrderEdgeFacts F{E.From, E.To, E.From, E.To, displayName(E.Function), {},
                          E.Acquired.Chain.size(), false};
  for (const HeldLock &H : E.HeldThere)
    F.HeldThere.push_back(LockOrderGraph::stableName(H.Id));
  if (E.HeldVia)
    F.FromReceiver = Receivers.of(*E.HeldVia);
  F.ToReceiver = Receivers.of(E.Acquired);
  return F;
}

} // namespace

LockOrderInversionCheck::LockOrderInversionCheck(llvm::StringRef Name,
                                                 clang::tidy::ClangTidyContext *Context)
    : LockCheckBase(Name, Context),
      MaxCycleLength(Options.get("MaxCycleLength", report::LockOrderOptions().MaxCycleLength)) {}

void LockOrderInversionCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  LockCheckBase::storeOptions(Opts);
  Options.store(Opts, "MaxCycleLength", MaxCycleLength);
}

void LockOrderInversionCheck::noteEdge(const LockOrderEdge &E) {
  rules::OrderEdgeFacts F{E.From, E.To, E.From, E.To, displayName(E.Function)};
  if (E.HeldVia)
    noteAcquisition(E.Function, *E.HeldVia, rules::heldFromNote(F));
  noteAcquisition(E.Function, E.Acquired, rules::acquiredWhileHeldNote(F));
}

void LockOrderInversionCheck::analyze(ConcurrencyModel &Model) {
  const report::LockOrderOptions Opts{MaxCycleLength, MaxCallDepth};
  Model.analysis<JoinFacts>().Options.LockOrder = Opts;
  const std::vector<LockOrderEdge> &Edges = Model.analysis<LockOrderGraph>().edges();
  std::vector<rules::OrderEdgeFacts> Facts;
  for (const LockOrderEdge &E : Edges)
    Facts.push_back(facts(E, Model.analysis<LockReceivers>()));
  // Who runs where is built on the first cycle (the model caches it).
  auto MayRunTogether = [&](unsigned A, unsigned B) {
    return Model.analysis<ThreadContexts>().mayRunConcurrently(Edges[A].Function,
                                                                Edges[B].Function);
  };
  for (const rules::LockOrderFinding &F : rules::lockOrderFindings(Facts, Opts, MayRunTogether)) {
    diag(edgeLocation(Edges[F.Cycle.front()]), "%0") << F.Message;
    for (unsigned E : F.Cycle)
      noteEdge(Edges[E]);
  }
}

} // namespace concur
