//===- SuspensionPoints.h - Where a coroutine can suspend -------*- C++ -*-===//
//
// The places where a coroutine body hands control back to its caller or
// resumer: every `co_await` and `co_yield` the user wrote in the body (not in
// lambdas defined there, which are functions of their own), each located in
// the coroutine's CFG, so it comes with its flow facts: Locksets::heldBefore()
// at it tells what is held while suspended. The implicit initial and final
// suspends the compiler adds around the body are not user suspension points:
// no user code runs between them and the body.
//
// For each point the model also finds the element at which control actually
// leaves the coroutine: the call of the awaiter's await_suspend(). That is
// the moment that matters for "what is held while suspended": the operand and
// await_ready() have run, await_resume() (which may take an asynchronous
// lock) has not.
//
// Built per coroutine on first use, from the CFG the model caches anyway.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_SUSPENSIONPOINTS_H
#define CONCUR_CHECKS_MODEL_SUSPENSIONPOINTS_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>

namespace clang {
class CoroutineSuspendExpr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace concur {

/// One user-written `co_await` or `co_yield`.
struct SuspensionPoint {
  const clang::CoroutineSuspendExpr *Expr = nullptr;
  /// The CFG element where the coroutine suspends: the await_suspend() call
  /// if the CFG lists it, otherwise the co_await/co_yield expression itself.
  const clang::Stmt *SuspendsAt = nullptr;
  bool IsYield = false;
  /// "co_await" or "co_yield", for messages.
  const char *keyword() const { return IsYield ? "co_yield" : "co_await"; }
};

class SuspensionPoints : public ModelAnalysis {
public:
  explicit SuspensionPoints(ConcurrencyModel &Model) : Model(Model) {}

  /// The user suspension points of \p F's definition in source order, those
  /// the CFG reaches; empty if \p F is not a coroutine or has no CFG.
  llvm::ArrayRef<SuspensionPoint> of(const clang::FunctionDecl *F);

private:
  ConcurrencyModel &Model;
  // Boxed: results handed out stay valid while the map grows.
  llvm::DenseMap<const clang::FunctionDecl *,
                 std::unique_ptr<llvm::SmallVector<SuspensionPoint, 4>>>
      Points;
};

} // namespace concur

#endif
