//===- AtomicClaims.h - Code behind an atomic's first transition -*- C++ -*-===//
//
// An atomic read-modify-write returns the value it replaced, so exactly one
// thread sees the atomic's first transition and takes the branch that tests
// for it:
//
//   if (++users == 1) setUp();                   // 0 -> 1
//   if (calls.fetch_add(1) == 0) first = now();
//   if (!started.exchange(true)) start();         // false -> true
//   int e = 0; if (phase.compare_exchange_strong(e, 1)) enter();
//   while (busy.exchange(true)) {} ... busy.store(false);   // a spin lock
//
// That branch (the *claim* of the atomic) does not run concurrently with
// itself: a once-only initialisation, the first user of a reference count
// (the count cannot drop back to 0 while its winner still holds its
// reference), a spin lock's critical section. Locksets holds a claim like a
// try-lock taken on that edge, named by the atomic (LockId), until the
// branch ends or the path writes the atomic again (`busy.store(false)`,
// `--users`); so callees, and the cross-TU summaries, see it as held.
// It excludes for the race checks only: nobody blocks on a claim, so the
// blocking and suspension checks ignore it, and SharedAccesses keeps it
// apart from the locks (Access::Claimed). (std::atomic_flag's test_and_set
// is a lock of LockCatalog's, not a claim.) A queue's turn (QueueTurns.h)
// is a claim too: isClaim() says which held locks are claims.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_ATOMICCLAIMS_H
#define CONCUR_CHECKS_MODEL_ATOMICCLAIMS_H

#include "LockCatalog.h"

#include "llvm/ADT/SmallVector.h"

namespace clang {
class ASTContext;
class CFGBlock;
class Stmt;
class ValueDecl;
} // namespace clang

namespace concur {

/// Claimed atomics (by declaration, one identity per variable or field, as
/// for locks).
using Claims = llvm::SmallVector<const clang::ValueDecl *, 1>;

/// \p A with \p B's claims added.
Claims unionOf(const Claims &A, const Claims &B);
/// Whether some atomic is claimed in both.
bool shareClaim(const Claims &A, const Claims &B);

/// The atomic whose first transition edge \p SuccIndex of \p From claims
/// (the edge on which the branch's test saw it), or null.
const clang::ValueDecl *claimAlong(const clang::CFGBlock &From, unsigned SuccIndex,
                                   const clang::ASTContext &Ctx);
/// The atomic \p S writes (store, exchange, increment, fetch_*), or null.
const clang::ValueDecl *atomicWritten(const clang::Stmt *S);
/// Whether \p S stores zero or false into an atomic: a spin lock's release.
bool storesZero(const clang::Stmt *S, const clang::ASTContext &Ctx);
/// Whether a held lock is an atomic's claim rather than a mutex.
bool isAtomicClaim(LockId Id);
/// Whether a held lock is a claim: an atomic's, or a queue's turn
/// (QueueTurns.h). Claims keep accesses apart; nobody blocks on them.
bool isClaim(LockId Id);

} // namespace concur

#endif
