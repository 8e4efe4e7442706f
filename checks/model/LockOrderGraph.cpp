#include "LockOrderGraph.h"

#include "OrderCycles.h"
#include "QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace concur {

std::string LockOrderGraph::stableName(LockId Id) {
  if (const auto *V = dyn_cast_or_null<VarDecl>(Id.Decl); V && V->getParentFunctionOrMethod())
    if (const auto *F = dyn_cast<FunctionDecl>(V->getParentFunctionOrMethod()))
      return displayName(F) + "::" + V->getNameAsString();
  if (const auto *V = dyn_cast_or_null<VarDecl>(Id.Decl))
    return genericName(V);
  return Id.name();
}

LockOrderGraph::LockOrderGraph(ConcurrencyModel &Model) {
  auto &Acquisitions = Model.analysis<LockAcquisitions>();
  const SourceManager &SM = Model.astContext().getSourceManager();
  llvm::DenseSet<std::pair<const ValueDecl *, const ValueDecl *>> SeenInFunction;

  auto AddEdges = [&](const FunctionDecl *F, const Lockset &Held, const LockAcquisition &To) {
    for (const HeldLock &H : Held) {
      // Semaphores admit several holders: no hold-and-wait cycle on one.
      if (H.Id == To.Id || nobodyWaitsFor(H.Id) || nobodyWaitsFor(To.Id) ||
          !SeenInFunction.insert({H.Id.Decl, To.Id.Decl}).second)
        continue;
      LockOrderEdge E;
      E.From = stableName(H.Id);
      E.To = stableName(To.Id);
      E.FromId = H.Id;
      E.ToId = To.Id;
      E.Function = F;
      E.HeldVia = Acquisitions.originOf(F, H);
      E.Acquired = To;
      E.HeldThere = Held;
      Edges.push_back(std::move(E));
    }
  };

  for (const FunctionDecl *F : Model.index().functions()) {
    if (SM.isInSystemHeader(F->getLocation()))
      continue;
    SeenInFunction.clear();
    const FunctionAcquisitions &Facts = Acquisitions.of(F);
    for (const DirectAcquisition &D : Facts.Direct)
      AddEdges(F, D.HeldBefore, D.What);
    Acquisitions.forEachCalleeAcquisition(F, [&](const Lockset &HeldAtCall, LockAcquisition &&To) {
      if (!findLock(HeldAtCall, To.Id))
        AddEdges(F, HeldAtCall, To);
    });
  }
  for (unsigned I = 0; I < Edges.size(); ++I)
    Outgoing[Edges[I].From].push_back(I);
}

llvm::ArrayRef<unsigned> LockOrderGraph::edgesFrom(llvm::StringRef From) const {
  auto It = Outgoing.find(From);
  if (It == Outgoing.end())
    return {};
  return It->second;
}

std::vector<std::vector<unsigned>> LockOrderGraph::cycles(unsigned MaxLength) const {
  std::vector<OrderEdge> Pairs;
  Pairs.reserve(Edges.size());
  for (const LockOrderEdge &E : Edges)
    Pairs.emplace_back(E.From, E.To);
  return shortestCycles(Pairs, MaxLength);
}

} // namespace concur
