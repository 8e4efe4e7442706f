//===- LockOrderGraph.h - Which lock is taken while which is held -*- C++ -*-===//
//
// The TU's lock-acquisition order graph: an edge A -> B says that some
// function acquires B (directly or in a callee) while it holds A. A cycle
// (A -> B in one place, B -> A in another) is a potential deadlock when the
// two places can run at the same time.
//
//   void t1() { std::lock_guard a(m1); std::lock_guard b(m2); } // m1 -> m2
//   void t2() { std::lock_guard b(m2); std::lock_guard a(m1); } // m2 -> m1
//
// Mutexes taken together (std::scoped_lock(a, b), std::lock(a, b)) add no
// edge between each other. A lock and itself (two objects of one class
// locking the same field) is no edge: identities do not tell the objects
// apart, so the order between them is unknown.
//
// Locks are nodes named by stable strings: the qualified name of a global
// or static (`ns::m`), `Class::field` for a mutex field, and
// `function::name` for a local, so that graphs of different TUs can be
// joined by name (the CLI's cross-TU view). Every edge keeps the sites:
// where the held lock was acquired and the chain to the second acquisition.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_LOCKORDERGRAPH_H
#define CONCUR_CHECKS_MODEL_LOCKORDERGRAPH_H

#include "LockAcquisitions.h"

#include "llvm/ADT/StringMap.h"

#include <optional>
#include <string>
#include <vector>

namespace concur {

struct LockOrderEdge {
  std::string From; ///< stable name of the held lock
  std::string To;   ///< stable name of the lock acquired while From is held
  LockId FromId, ToId;
  /// The function that holds From while it acquires To.
  const clang::FunctionDecl *Function = nullptr;
  /// How Function acquired From (empty if it holds From on entry).
  std::optional<LockAcquisition> HeldVia;
  /// The acquisition of To, its chain starting in Function.
  LockAcquisition Acquired;
  /// Everything Function holds at that point (for gate locks).
  Lockset HeldThere;
};

class LockOrderGraph : public ModelAnalysis {
public:
  explicit LockOrderGraph(ConcurrencyModel &Model);

  /// All edges, one per (From, To, Function), in a deterministic order.
  const std::vector<LockOrderEdge> &edges() const { return Edges; }
  /// Indices into edges() of the edges leaving \p From.
  llvm::ArrayRef<unsigned> edgesFrom(llvm::StringRef From) const;
  /// Elementary cycles of up to \p MaxLength edges, each as edge indices
  /// e0: A -> B, e1: B -> ..., last: ... -> A; one witness per set of locks.
  std::vector<std::vector<unsigned>> cycles(unsigned MaxLength = 4) const;

  /// The stable name of a lock (see the file comment).
  static std::string stableName(LockId Id);

private:
  std::vector<LockOrderEdge> Edges;
  llvm::StringMap<llvm::SmallVector<unsigned, 2>> Outgoing;
};

} // namespace concur

#endif
