//===- Awaitables.h - Which types are coroutine tasks and awaiters -*- C++ -*-===//
//
// Classifies class types by how coroutines use them, structurally, so no
// library list is needed:
//
//  - LazyTask: a coroutine return type (it has a `promise_type`) whose
//    promise's initial_suspend() suspends: calling the coroutine only
//    creates the frame; the body runs when the task is awaited or started.
//  - EagerTask: the same with an initial_suspend() that never suspends
//    (std::suspend_never, or an await_ready() that returns true): the body
//    runs at the call.
//  - Awaiter: no promise, but awaitable (await_ready/await_suspend/
//    await_resume, or a member operator co_await): does its work when
//    awaited (an asynchronous sleep, a read).
//  - Generator: has begin()/end(): consumed by range-for, not by co_await.
//
// Results are cached per class.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_AWAITABLES_H
#define CONCUR_CHECKS_MODEL_AWAITABLES_H

#include "ConcurrencyModel.h"

#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"

namespace clang {
class CXXMethodDecl;
class CXXRecordDecl;
} // namespace clang

namespace concur {

enum class AwaitableKind { None, LazyTask, EagerTask, Awaiter, Generator };

llvm::StringRef awaitableKindName(AwaitableKind K);

class Awaitables : public ModelAnalysis {
public:
  explicit Awaitables(ConcurrencyModel &) {}

  /// The kind of the class \p T names (through references and typedefs).
  AwaitableKind kindOf(clang::QualType T);
  AwaitableKind kindOf(const clang::CXXRecordDecl *RD);

  /// The promise's initial_suspend() of a coroutine return type, if any:
  /// where diagnostics show that a task starts suspended.
  static const clang::CXXMethodDecl *initialSuspend(const clang::CXXRecordDecl *Task);

private:
  llvm::DenseMap<const clang::CXXRecordDecl *, AwaitableKind> Cache;
};

} // namespace concur

#endif
