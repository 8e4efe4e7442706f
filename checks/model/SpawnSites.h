//===- SpawnSites.h - Where work starts on another thread ------*- C++ -*-===//
//
// A spawn site is an expression that hands a callable to another thread:
// std::thread / std::jthread construction, std::async, pthread_create, and
// pool submit functions (the concur runtime's ThreadPool, BS::thread_pool,
// boost::asio::post, any `submit(F) -> future` method, and the user's
// PoolSubmitFunctions). For each, the model records who spawns, what runs
// (the entry function: a lambda's call operator, a function, a member
// function, a functor's operator()), and the pieces the checks need (the
// std::async launch policy, the pool object, the arguments).
//
// The entry functions and their same-TU callees are the thread contexts that
// race, lifetime and pool checks reason about.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_SPAWNSITES_H
#define CONCUR_CHECKS_MODEL_SPAWNSITES_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

#include <vector>

namespace clang {
class Expr;
class FunctionDecl;
class LambdaExpr;
} // namespace clang

namespace concur {

enum class SpawnKind { Thread, JThread, Async, PThread, PoolSubmit };

enum class LaunchPolicy { NotAsync, Unspecified, Async, Deferred, Either };

struct SpawnSite {
  SpawnKind Kind;
  const clang::Expr *Site = nullptr;          ///< the construct/call expression
  const CallSite *Call = nullptr;             ///< the same, as a call-graph site
  const clang::FunctionDecl *Spawner = nullptr; ///< function containing Site
  const clang::Expr *Callable = nullptr;      ///< the callable argument
  /// What runs on the other thread: all candidate entry functions (a generic
  /// lambda or functor may have several instantiations); empty if unknown
  /// (a function pointer variable, std::function, std::bind).
  llvm::SmallVector<const clang::FunctionDecl *, 1> Entries;
  const clang::LambdaExpr *Lambda = nullptr;  ///< if the callable is a lambda
  /// Arguments passed on to the entry (after the callable).
  llvm::SmallVector<const clang::Expr *, 4> Args;
  LaunchPolicy Policy = LaunchPolicy::NotAsync; ///< for std::async
  /// For pthread_create and thrd_create: the thread id's out-argument
  /// (`&t`), which pthread_join names the thread by.
  const clang::Expr *Handle = nullptr;
  /// A call of a spawn wrapper (`start_worker(f, arg)`, whose body hands
  /// its callable parameter to pthread_create or std::thread): the
  /// wrapper. The spawn runs the caller's callable; the wrapper's own
  /// site inside it has no entry of its own.
  const clang::FunctionDecl *Wrapper = nullptr;
  /// The pool object a PoolSubmit goes to (`pool` in `pool.submit(f)`).
  const clang::Expr *Pool = nullptr;
  std::string FunctionName; ///< user-facing name of the spawning API
  /// The member of the spawner's object that keeps this spawn's thread,
  /// when the spawn runs a method on that object (`&C::run, this`, or a
  /// lambda that captures only `this`) and starts only while the member is
  /// empty (`if (!worker_) worker_.reset(new std::thread(...))`, `if
  /// (!t_.joinable()) t_ = std::thread(...)`): at most one instance runs
  /// per object, so two instances never share that object's state.
  const clang::FieldDecl *OnePerOwner = nullptr;
};

class SpawnSites : public ModelAnalysis {
public:
  explicit SpawnSites(ConcurrencyModel &Model);

  const std::vector<SpawnSite> &all() const { return Sites; }
  /// Spawn sites whose Site lies in \p F's body.
  llvm::SmallVector<const SpawnSite *, 4> in(const clang::FunctionDecl *F) const;
  /// Whether \p F is the entry function of some spawn.
  bool isEntry(const clang::FunctionDecl *F) const;
  /// The spawn site of a construct/call expression, if it is one.
  const SpawnSite *at(const clang::Expr *E) const;

  /// Default pool submit functions, for documentation.
  static llvm::ArrayRef<const char *> defaultSubmitFunctions();

private:
  void add(SpawnSite S);
  /// Calls of spawn wrappers, learned from their bodies: a function whose
  /// spawn's callable is one of its parameters spawns, at each call, what
  /// the caller passes for it (wrappers of wrappers too).
  void addWrapperCalls(ConcurrencyModel &Model);

  std::vector<SpawnSite> Sites;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<unsigned, 2>> BySpawner;
  llvm::DenseMap<const clang::Expr *, unsigned> BySite;
  llvm::DenseSet<const clang::FunctionDecl *> EntrySet;
};

/// The entry functions a callable expression denotes (see SpawnSite::Entries).
llvm::SmallVector<const clang::FunctionDecl *, 1>
resolveCallable(const clang::Expr *Callable, const clang::LambdaExpr **Lambda = nullptr);

} // namespace concur

#endif
