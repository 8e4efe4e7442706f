//===- ThreadLifetime.h - std::thread objects over the CFG -----*- C++ -*-===//
//
// A std::thread destroyed (or assigned to) while joinable calls
// std::terminate. This analysis follows every local std::thread of a
// function through its CFG: construction with work makes it joinable;
// join(), detach(), being moved from or handed to another function makes it
// empty; `if (t.joinable())` refines each branch; moves carry the state to
// the destination. It reports where a joinable thread reaches its
// destructor (end of scope, early return, break) or an assignment, and the
// exception paths: a call that may throw, or a throw, while the thread is
// joinable and no handler inside the thread's scope catches it.
//
// It also finds detach sites and the spawn each detached thread came from,
// for the lifetime questions about detached threads.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_THREADLIFETIME_H
#define CONCUR_CHECKS_MODEL_THREADLIFETIME_H

#include "FunctionFacts.h"
#include "SpawnSites.h"

namespace clang {
class CXXThrowExpr;
class VarDecl;
} // namespace clang

namespace concur {

struct ThreadHazard {
  enum Kind {
    DestroyedJoinable,     ///< reaches its destructor joinable
    ThrowWhileJoinable,    ///< an exception can leave the scope while joinable
    AssignedWhileJoinable, ///< move-assigned to while joinable
  };
  Kind HazardKind;
  const clang::VarDecl *Thread = nullptr;
  const clang::FunctionDecl *In = nullptr;
  /// The scope end or return (DestroyedJoinable), the throwing call or
  /// throw expression, or the assignment.
  const clang::Stmt *Where = nullptr;
  /// For a throwing call: the callee that may throw.
  const clang::FunctionDecl *Thrower = nullptr;
  /// Whether replacing the declared type by std::jthread fixes it: the type
  /// is spelled `std::thread` and the object never leaves the function.
  bool JThreadFixApplies = false;
};

/// `t.detach()` and the spawn(s) that started t.
struct DetachSite {
  const clang::Expr *Call = nullptr;
  const clang::FunctionDecl *In = nullptr;
  llvm::SmallVector<const SpawnSite *, 1> Spawns;
};

class ThreadLifetime : public ModelAnalysis {
public:
  explicit ThreadLifetime(ConcurrencyModel &Model);

  /// Hazards of every local std::thread in user code, per function in index
  /// order. \p ExceptionPaths: also report exception paths.
  /// \p UnknownCallsThrow: a call of user code defined in another file
  /// may throw (otherwise only what is seen to throw does).
  std::vector<ThreadHazard> hazards(bool ExceptionPaths, bool UnknownCallsThrow = false);
  /// Every detach() of a std::thread / std::jthread in user code.
  std::vector<DetachSite> detachSites();
  /// Whether a call of \p F can throw: user functions unless noexcept or
  /// seen not to throw (same-TU bodies, transitively), C functions never,
  /// library functions only if they are known to (future get(), at(), ...).
  bool mayThrow(const clang::FunctionDecl *F);

private:
  void analyzeFunction(const clang::FunctionDecl *F, bool ExceptionPaths,
                       std::vector<ThreadHazard> &Out);

  ConcurrencyModel &Model;
  SpawnSites &Spawns;
  FunctionFacts &Facts;
  llvm::DenseMap<const clang::FunctionDecl *, int> ThrowMemo; // -1 in progress
  bool UnknownCallsThrow = false;
};

} // namespace concur

#endif
