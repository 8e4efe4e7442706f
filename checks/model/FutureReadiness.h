//===- FutureReadiness.h - Where a future is known to be ready -*- C++ -*-===//
//
// `f.get()` blocks only if `f` is not ready yet. Code that polls first,
//
//   if (f.wait_for(0s) == std::future_status::ready) use(f.get());
//   while (f.wait_for(0s) != std::future_status::ready) co_await yield();
//
// never blocks in the get(). This analysis proves that per call, flow-
// sensitively over the function's CFG: a future is *ready* on the edge where
// a readiness test on it succeeded (a wait_for/wait_until result compared
// with `ready`, directly or through a status variable; concur::Future's
// bool `wait_for`/`done()`), and stays ready until it is assigned, moved
// from or passed by non-const reference. At a merge it is ready only if it
// is ready on every incoming path.
//
// Futures are identified by the variable, parameter or field (of `this`)
// that holds them; other object expressions are never known ready.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_FUTUREREADINESS_H
#define CONCUR_CHECKS_MODEL_FUTUREREADINESS_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/DenseSet.h"

#include <memory>

namespace clang {
class Expr;
class FunctionDecl;
} // namespace clang

namespace concur {

class FutureReadiness : public ModelAnalysis {
public:
  explicit FutureReadiness(ConcurrencyModel &Model) : Model(Model) {}

  /// Whether \p Call, a get/wait/wait_for/wait_until/exception call on a
  /// future in \p F's body, runs only where that future is known ready.
  /// Computed once per function, on first query.
  bool isKnownReady(const clang::FunctionDecl *F, const clang::Expr *Call);

  /// Whether \p Class is a future type this analysis tracks (std::future,
  /// std::shared_future, concur::Future).
  static bool isFutureClass(const clang::CXXRecordDecl *Class);

private:
  using CallSet = llvm::DenseSet<const clang::Expr *>;
  ConcurrencyModel &Model;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<CallSet>> ReadyCalls;
};

} // namespace concur

#endif
