#include "OrderCycles.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <set>
#include <string>

namespace concur {

std::vector<std::vector<unsigned>> shortestCycles(llvm::ArrayRef<OrderEdge> Edges,
                                                  unsigned MaxLength) {
  llvm::StringMap<llvm::SmallVector<unsigned, 2>> Outgoing;
  for (unsigned I = 0; I < Edges.size(); ++I)
    Outgoing[Edges[I].first].push_back(I);

  std::vector<std::vector<unsigned>> Out;
  std::set<std::vector<std::string>> Seen;
  for (unsigned First = 0; First < Edges.size(); ++First) {
    // Breadth-first from the edge's target back to its source: the
    // shortest cycle through this edge.
    llvm::StringRef Start = Edges[First].first;
    llvm::StringMap<unsigned> ReachedBy; // node -> edge that reached it
    std::vector<llvm::StringRef> Frontier{Edges[First].second};
    ReachedBy[Edges[First].second] = First;
    bool Closed = false;
    for (unsigned Depth = 1; Depth < MaxLength && !Frontier.empty() && !Closed; ++Depth) {
      std::vector<llvm::StringRef> Next;
      for (llvm::StringRef Node : Frontier) {
        auto It = Outgoing.find(Node);
        if (It == Outgoing.end())
          continue;
        for (unsigned E : It->second) {
          llvm::StringRef Target = Edges[E].second;
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
    for (llvm::StringRef Node = Start; Cycle.empty() || Node != Edges[First].second;) {
      unsigned E = ReachedBy[Node];
      Cycle.insert(Cycle.begin(), E);
      Node = Edges[E].first;
    }
    Cycle.insert(Cycle.begin(), First);
    std::vector<std::string> Key;
    for (unsigned E : Cycle)
      Key.push_back(Edges[E].first.str());
    llvm::sort(Key);
    if (Seen.insert(Key).second)
      Out.push_back(std::move(Cycle));
  }
  return Out;
}

} // namespace concur
