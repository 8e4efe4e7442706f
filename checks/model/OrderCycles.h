//===- OrderCycles.h - Short cycles in an order graph ----------*- C++ -*-===//
//
// Cycle search shared by the per-TU lock-order graph (LockOrderGraph) and
// the CLI's cross-TU join of those graphs (tool/crosstu/LockOrderAcrossUnits):
// nodes are stable lock names, so both sides can hand over plain (from, to)
// string pairs.
// Clang-free on purpose.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_ORDERCYCLES_H
#define CONCUR_CHECKS_MODEL_ORDERCYCLES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
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

/// Whether two different edges of \p Cycle satisfy \p Conflict.
bool anyPairInCycle(llvm::ArrayRef<unsigned> Cycle,
                    llvm::function_ref<bool(unsigned, unsigned)> Conflict);

// concur-lock-order-inversion's words, one wording for the per-TU check and
// the cross-TU join.

/// Two locks: \p First acquires \p To holding \p From, \p Second the
/// other way round.
std::string lockInversionMessage(llvm::StringRef First, llvm::StringRef To,
                                 llvm::StringRef From, llvm::StringRef Second);
/// A longer cycle: \p Order names its locks in order (the first again at
/// the end); \p Function acquires \p To holding \p From, the first edge.
std::string lockCycleMessage(llvm::ArrayRef<std::string> Order, llvm::StringRef Function,
                             llvm::StringRef To, llvm::StringRef From);

} // namespace concur

#endif
