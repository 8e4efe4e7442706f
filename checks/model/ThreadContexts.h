//===- ThreadContexts.h - Which threads may run a function -----*- C++ -*-===//
//
// A function runs on the main thread if `main` reaches it, on a spawned
// thread if a spawn entry (SpawnSites) reaches it, and on any thread if
// nothing in the TU reaches it (a library function, a callback): the
// question "can these two pieces of code run at the same time?" that
// deadlock checks ask before reporting a lock-order cycle.
//
// A lambda that is not a spawn entry runs where the function that defines
// it runs (std::sort's comparator, a local helper).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_THREADCONTEXTS_H
#define CONCUR_CHECKS_MODEL_THREADCONTEXTS_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/SmallVector.h"

namespace concur {

class SharedAccesses;

class ThreadContexts : public ModelAnalysis {
public:
  explicit ThreadContexts(ConcurrencyModel &Model);

  /// Contexts that may run \p F: MainThread, AnyThread, or a spawn index.
  static constexpr int MainThread = -1;
  static constexpr int AnyThread = -2;
  llvm::SmallVector<int, 2> of(const clang::FunctionDecl *F);

  /// Whether \p A and \p B may run at the same time on different threads
  /// (or as two instances of one spawn).
  bool mayRunConcurrently(const clang::FunctionDecl *A, const clang::FunctionDecl *B);

private:
  void reach(const clang::FunctionDecl *Root, int Context);

  ConcurrencyModel &Model;
  SharedAccesses &Shared;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<int, 2>> Contexts;
};

} // namespace concur

#endif
