//===- PoolModel.h - Pools, futures and who waits on them ------*- C++ -*-===//
//
// The questions pool checks ask, answered from the spawn sites and the
// function facts:
//  - which pool a submit goes to: pool identity by variable or field,
//    followed through references, pointers, lambda captures (by copy, by
//    reference, init-captures) and, along a call chain, through parameters;
//  - which calls produce a future (std::async, pool submits returning a
//    future type, std::packaged_task::get_future);
//  - where a future is waited on: get/wait/wait_for/wait_until on the
//    temporary itself or on the local variable it was stored into;
//  - which types are pools (for "constructed in a loop").
// What counts as a pool, a future and a wait is configurable (PoolConfig);
// the defaults cover the standard library, the concur runtime,
// BS::thread_pool and boost::asio.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_POOLMODEL_H
#define CONCUR_CHECKS_MODEL_POOLMODEL_H

#include "FunctionFacts.h"
#include "SpawnSites.h"

#include "llvm/ADT/StringSet.h"

namespace clang {
class ValueDecl;
class QualType;
} // namespace clang

namespace concur {

/// Names of pool types, future types and waits; each list is `;`-separated
/// and extends the defaults.
struct PoolConfig {
  PoolConfig(llvm::StringRef ExtraPoolTypes = {}, llvm::StringRef ExtraFutureTypes = {},
             llvm::StringRef ExtraFutureWaits = {}, llvm::StringRef ExtraPoolWaits = {});

  /// A configured pool type, or a class with a `submit` method returning a
  /// future type (a user pool).
  bool isPoolType(const clang::CXXRecordDecl *RD) const;
  bool isFutureType(clang::QualType T) const;
  /// `future.get()` and friends: a member call on a future type whose
  /// method is a configured wait (`get`, or `Class::get`).
  bool isFutureWait(const CallSite &C) const;
  /// A call that waits for all work of the pool it is called on
  /// (BS::thread_pool::wait, concur::ThreadPool::map, ...).
  bool isPoolWait(const CallSite &C) const;

  static llvm::ArrayRef<const char *> defaultPoolTypes();
  static llvm::ArrayRef<const char *> defaultFutureTypes();
  static llvm::ArrayRef<const char *> defaultFutureWaits();
  static llvm::ArrayRef<const char *> defaultPoolWaits();

private:
  llvm::StringSet<> PoolTypes, FutureTypes, FutureWaits, PoolWaits;
};

/// A call whose result is a future.
struct FutureSource {
  const clang::Expr *Call = nullptr;
  const clang::FunctionDecl *In = nullptr;
  const SpawnSite *Spawn = nullptr; ///< null for packaged_task::get_future
};

class PoolModel : public ModelAnalysis {
public:
  explicit PoolModel(ConcurrencyModel &Model);

  /// Every call producing a future in user code, in source order of the
  /// functions that contain them.
  std::vector<FutureSource> futureSources(const PoolConfig &Config);
  /// The future source \p E is, if any (after stripping temporaries).
  const SpawnSite *spawnOf(const clang::Expr *E) const;

  /// The variable or field \p PoolExpr denotes (`pool`, `this->pool_`,
  /// `*ptr`, a capture of `pool`), or null if it cannot be named.
  const clang::ValueDecl *poolKey(const clang::Expr *PoolExpr) const;

  /// The calls that may have produced the future \p FutureExpr evaluates to
  /// in function \p F: the call itself, or every future source stored into
  /// the local variable it names.
  llvm::SmallVector<const clang::Expr *, 2> originsOf(const clang::Expr *FutureExpr,
                                                      const clang::FunctionDecl *F,
                                                      const PoolConfig &Config);

  /// The object a member call is made on, or null.
  static const clang::Expr *objectOf(const CallSite &C);

  FunctionFacts &facts() { return Facts; }
  SpawnSites &spawns() { return Spawns; }
  ConcurrencyModel &model() { return Model; }

private:
  bool isFutureSourceCall(const CallSite &C, const PoolConfig &Config) const;

  ConcurrencyModel &Model;
  SpawnSites &Spawns;
  FunctionFacts &Facts;
};

} // namespace concur

#endif
