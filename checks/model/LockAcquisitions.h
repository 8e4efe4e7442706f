//===- LockAcquisitions.h - Where each function takes locks ----*- C++ -*-===//
//
// The blocking lock acquisitions of every user function, with the locks
// already held at each one, and the locks a function acquires through its
// same-TU callees (with the call chain), so that questions about "taking L
// while M is held" see through helpers:
//
//   void helper() { std::lock_guard g(m); }   // acquires m
//   void api()    { std::lock_guard g(m);     // holds m ...
//                   helper(); }                // ... and reaches m again
//
// An acquisition is a call that can block on a mutex: lock(), lock_shared(),
// pthread_mutex_lock, a lock guard constructed holding its mutex (also a
// temporary one), unique_lock::lock(), std::lock / scoped_lock of several
// mutexes (acquired together: none is held while the others are taken).
// Try-locks never block and adoption takes over a held lock: neither is an
// acquisition.
//
// An acquisition in a callee carries what its path knows of globals and
// parameters; at each call that knowledge meets the arguments, and a path
// the call's constant arguments rule out is not followed from there.
//
// Who uses this: concur-relock-non-recursive (acquisition of a held mutex)
// and the lock-order graph (held lock -> acquired lock edges).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_LOCKACQUISITIONS_H
#define CONCUR_CHECKS_MODEL_LOCKACQUISITIONS_H

#include "GlobalConditions.h"
#include "Locksets.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <vector>

namespace concur {

/// One blocking acquisition of a mutex.
struct LockAcquisition {
  LockId Id;
  LockMode Mode = LockMode::Exclusive;
  /// The lock operation (lock call or guard construction).
  const clang::Expr *Site = nullptr;
  /// The expression naming the mutex at Site (`m`, `this->mu_`, `&m`).
  const clang::Expr *MutexExpr = nullptr;
  /// The function whose body holds Site.
  const clang::FunctionDecl *In = nullptr;
  /// Call sites from the summarised function down to In (empty if direct).
  CallPath Chain;
  /// One of several mutexes taken at once (std::scoped_lock, std::lock).
  bool Together = false;
  /// For `lk.lock()` on a guard: the guard variable, which refuses (throws,
  /// or checks its own state) rather than deadlocks when it already holds.
  const clang::VarDecl *ViaGuard = nullptr;
  /// What the path to Site knows of globals and parameters, as the
  /// summarised function sees it (GlobalConditions.h): a callee's
  /// `if (need_lock) mu.Lock();` is not reached from a call passing false.
  ValueFacts Conditions;
  /// Reached after the summarised function let go of its caller's hold on
  /// this lock (`mu.Unlock(); Persist(); mu.Lock();`, where Persist()
  /// locks): the caller does not hold it there.
  bool CallersReleased = false;
};

/// A direct acquisition with the lockset just before it.
struct DirectAcquisition {
  LockAcquisition What;
  Lockset HeldBefore; ///< relative to the function's entry
};

struct FunctionAcquisitions {
  /// Acquisitions in the function's own body (reachable ones), source order.
  std::vector<DirectAcquisition> Direct;
  /// Every lock the function acquires while it does not already hold it,
  /// directly or through callees: one entry per lock (the first found).
  /// Locks named by a callee's parameter are translated to the argument.
  std::vector<LockAcquisition> Reached;
};

class LockAcquisitions : public ModelAnalysis {
public:
  explicit LockAcquisitions(ConcurrencyModel &Model);

  /// The acquisitions of \p F's definition (built on first use, with those
  /// of its callees; recursion is cut: a function being summarised reaches
  /// nothing more).
  const FunctionAcquisitions &of(const clang::FunctionDecl *F);

  Locksets &locksets() { return Locks; }

  /// Whether \p T (through references) is a scoped guard: a standard one
  /// (lock_guard, unique_lock, ...), or a class of the program's own whose
  /// constructor may acquire a lock (also only when enabled) and whose
  /// destructor releases it.
  bool isScopedGuard(clang::QualType T);

  /// For every reachable call in \p F of a same-TU function: each lock
  /// the callee reaches, as F sees it (named by F's argument where the
  /// callee names it by its parameter; the chain starts with the call),
  /// with the lockset F holds at the call.
  void forEachCalleeAcquisition(
      const clang::FunctionDecl *F,
      llvm::function_ref<void(const Lockset &HeldAtCall, LockAcquisition &&A)> Visit);

  /// How \p F came to hold \p H: the acquisition in F's body, or the one
  /// in a callee reached through the call that left it held (chain from F);
  /// empty if unknown (held on entry, a try-lock, adoption).
  std::optional<LockAcquisition> originOf(const clang::FunctionDecl *F, const HeldLock &H);

  /// The mutexes a guard variable (unique_lock, lock_guard, ...) manages,
  /// read from its initialiser; empty if it is not a guard.
  llvm::SmallVector<const clang::Expr *, 2> guardMutexes(const clang::VarDecl *Guard) const;

private:
  void compute(const clang::FunctionDecl *Def, FunctionAcquisitions &Out);

  ConcurrencyModel &Model;
  Locksets &Locks;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionAcquisitions>> Facts;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
};

/// Whether taking \p Id never makes anyone wait for its holder, so "held
/// twice", "held while blocking" or a cycle through it are no hazard: a
/// counting semaphore (a class whose thread-safety capability is named
/// "semaphore", or a standard/POSIX semaphore) admits several holders, a
/// null mutex (LockShapes.h) admits everyone, and an atomic's claim
/// (AtomicClaims.h) sends the others another way.
bool nobodyWaitsFor(LockId Id);

/// Whether two expressions naming a mutex with one identity denote the same
/// object: globals and statics always do; fields do when reached through
/// the same variable or through `this` of the same function. \p ChainA and
/// \p ChainB are the call hops from one function to the expressions' own
/// functions: `this` inside a callee is the object the hop calls it on.
bool sameMutexObject(const LockCatalog &Catalog, const clang::Expr *A, const CallPath &ChainA, const clang::Expr *B,
                     const CallPath &ChainB);

} // namespace concur

#endif
