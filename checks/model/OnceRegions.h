//===- OnceRegions.h - Code behind an atomic's first transition -*- C++ -*-===//
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
// reference), a spin lock's critical section. A claim ends where the branch
// ends, or where the path writes the atomic again (`busy.store(false)`,
// `--users`). It is an exclusion fact for the race checks, not a lock: no
// one blocks on it, so the lock checks (order, blocking under lock) do not
// see it. (std::atomic_flag's test_and_set is already a lock, LockCatalog.)
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_ONCEREGIONS_H
#define CONCUR_CHECKS_MODEL_ONCEREGIONS_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <vector>

namespace clang {
class Stmt;
class ValueDecl;
} // namespace clang

namespace concur {

/// The atomics (variables or fields, one identity per declaration as for
/// locks) whose first transition a point's every path has claimed.
using Claims = llvm::SmallVector<const clang::ValueDecl *, 1>;

/// \p A with \p B's claims added.
Claims unionOf(const Claims &A, const Claims &B);
/// Whether some atomic is claimed in both.
bool shareClaim(const Claims &A, const Claims &B);

class OnceRegions : public ModelAnalysis {
public:
  explicit OnceRegions(ConcurrencyModel &Model);

  /// The claims held around the innermost of \p Ancestors (innermost last)
  /// that is a CFG element of \p F.
  Claims claimedAround(const clang::FunctionDecl *F,
                       llvm::ArrayRef<const clang::Stmt *> Ancestors);

private:
  struct FunctionClaims {
    std::vector<Claims> Interned;
    llvm::DenseMap<const clang::Stmt *, unsigned> Before;
  };
  const FunctionClaims &of(const clang::FunctionDecl *F);
  void compute(const clang::FunctionDecl *Def, FunctionClaims &Out);

  ConcurrencyModel &Model;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionClaims>> Facts;
};

} // namespace concur

#endif
