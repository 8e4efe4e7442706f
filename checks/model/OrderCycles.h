//===- OrderCycles.h - Short cycles in an order graph ----------*- C++ -*-===//
//
// Cycle search for concur-lock-order-inversion's decision,
// rules::lockOrderFindings (rules/LockOrder.cpp): the per-TU check hands it
// its TU's graph (LockOrderGraph), the CLI's cross-TU join
// (tool/crosstu/LockOrderAcrossUnits.cpp) the graph joined from every TU's
// summary. Nodes are stable lock keys, so both hand over plain (from, to)
// string pairs.
// Clang-free on purpose.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_ORDERCYCLES_H
#define CONCUR_CHECKS_MODEL_ORDERCYCLES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <utility>
#include <vector>

namespace concur {

/// A directed edge between two named nodes.
using OrderEdge = std::pair<llvm::StringRef, llvm::StringRef>;

/// For every edge in order, the shortest elementary cycle through it of at
/// most \p MaxLength edges, as edge indices starting with that edge
/// (e0: A -> B, e1: B -> ..., last: ... -> A). One witness per set of
/// nodes: the first edge (by index) that closes a cycle over a node set
/// names it, so callers control which witness wins by ordering the edges.
std::vector<std::vector<unsigned>> shortestCycles(llvm::ArrayRef<OrderEdge> Edges,
                                                  unsigned MaxLength);

} // namespace concur

#endif
