//===- LockOrder.h - concur-lock-order-inversion's decision ----*- C++ -*-===//
//
// Which lock-order cycles are reported, through which witnesses, and in
// which words, decided from plain facts (each edge's locks by key, its
// function, the locks held there, how many calls deep it acquires) so that
// the per-TU check, on its TU's graph (model/LockOrderGraph.h), and the
// cross-TU join, on the graph joined from every TU's summary, report alike
// under the same options (report::LockOrderOptions). Whether the
// functions of two edges can run at the same time is each phase's own
// knowledge, handed in as a predicate.
//
// Clang-free, like the summaries.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_RULES_LOCKORDER_H
#define CONCUR_CHECKS_RULES_LOCKORDER_H

#include "Summary.h"

#include "llvm/ADT/STLFunctionalExtras.h"

namespace concur::rules {

/// An edge of a lock-order graph: Function acquires To while it holds From.
struct OrderEdgeFacts {
  std::string From, To;         ///< the locks' keys (one key, one lock)
  std::string FromName, ToName; ///< how messages name them
  std::string Function;         ///< its name
  /// Keys of every lock Function holds there (gate locks: a third lock
  /// held on both sides of a cycle serialises them).
  std::vector<std::string> HeldThere;
  size_t Calls = 0;         ///< calls from Function's body down to To's acquisition
  bool AcrossFiles = false; ///< those calls cross into other TUs
  /// The objects From and To are taken on, where a virtual method's body
  /// tells (report::LockReceiver): two witnesses whose receivers of one
  /// lock differ take it on different objects.
  report::LockReceiver FromReceiver, ToReceiver;
};

struct LockOrderFinding {
  std::vector<unsigned> Cycle; ///< edges, the one shown first
  std::string Message;
};

/// Whether a path of \p Calls calls to an acquisition is followed: at most
/// MaxCallDepth deep, twice that for one that crosses files.
bool fitsCallDepth(size_t Calls, bool AcrossFiles, const report::LockOrderOptions &Options);

/// The cycles of \p Edges (ordered: the first edge that closes a cycle
/// names it) of at most MaxCycleLength edges to report: for two locks, the
/// first pair of witnesses of the two orders that can deadlock (their
/// functions \p MayRunTogether, no gate lock, paths that fit); for more,
/// cycles with one such pair. Cycles \p LeftToOthers returns true for are
/// skipped.
std::vector<LockOrderFinding>
lockOrderFindings(const std::vector<OrderEdgeFacts> &Edges,
                  const report::LockOrderOptions &Options,
                  llvm::function_ref<bool(unsigned, unsigned)> MayRunTogether,
                  llvm::function_ref<bool(const std::vector<unsigned> &)> LeftToOthers = nullptr);

/// What the notes of an edge say, before " here": where its function took
/// the first lock, and where it acquires the second.
std::string heldFromNote(const OrderEdgeFacts &E);
std::string acquiredWhileHeldNote(const OrderEdgeFacts &E);

} // namespace concur::rules

#endif
