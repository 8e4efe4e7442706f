#include "LockOrderGraph.h"

#include "QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

#include <set>

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
      if (H.Id == To.Id || isCountingLock(H.Id) || isCountingLock(To.Id) ||
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
  std::vector<std::vector<unsigned>> Out;
  std::set<std::vector<std::string>> Seen;
  for (unsigned First = 0; First < Edges.size(); ++First) {
    // Breadth-first from the edge's target back to its source: the shortest
    // cycle through this edge.
    const std::string &Start = Edges[First].From;
    llvm::StringMap<unsigned> ReachedBy; // node -> edge that reached it
    std::vector<std::string> Frontier{Edges[First].To};
    ReachedBy[Edges[First].To] = First;
    bool Closed = false;
    for (unsigned Depth = 1; Depth < MaxLength && !Frontier.empty() && !Closed; ++Depth) {
      std::vector<std::string> Next;
      for (const std::string &Node : Frontier) {
        for (unsigned E : edgesFrom(Node)) {
          const std::string &Target = Edges[E].To;
          if (ReachedBy.count(Target))
            continue;
          ReachedBy[Target] = E;
          if (Target == Start) {
            Closed = true;
            break;
          }
          Next.push_back(Target);
        }
        if (Closed)
          break;
      }
      Frontier = std::move(Next);
    }
    if (!Closed)
      continue;
    std::vector<unsigned> Cycle;
    for (std::string Node = Start; Cycle.empty() || Node != Edges[First].To;) {
      unsigned E = ReachedBy[Node];
      Cycle.insert(Cycle.begin(), E);
      Node = Edges[E].From;
    }
    Cycle.insert(Cycle.begin(), First);
    std::vector<std::string> Key;
    for (unsigned E : Cycle)
      Key.push_back(Edges[E].From);
    llvm::sort(Key);
    if (Seen.insert(Key).second)
      Out.push_back(std::move(Cycle));
  }
  return Out;
}

} // namespace concur
