//===- CallGraph.h - The TU's call graph, built on demand ------*- C++ -*-===//
//
// A call site is any expression that runs a function's code right there:
// calls, member calls, operator calls, constructions (lock_guard's
// constructor locks), and calls of lambdas. What is *not* a call site of the
// enclosing function: the body of a lambda or local class defined in it (that
// code runs wherever the closure is invoked, possibly on another thread) and
// unevaluated operands (sizeof, decltype, noexcept, requires).
//
// Call sites are collected per function the first time a check asks, then
// memoised, so checks that explore from a few roots (coroutines, thread
// entries) never pay for the whole TU.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_CALLGRAPH_H
#define CONCUR_CHECKS_MODEL_CALLGRAPH_H

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <functional>
#include <memory>
#include <vector>

namespace clang {
class ASTContext;
class CXXRecordDecl;
class Expr;
class FunctionDecl;
class LambdaExpr;
class Stmt;
} // namespace clang

namespace concur {

struct CallSite {
  const clang::Expr *Call = nullptr;         ///< CallExpr or CXXConstructExpr
  const clang::FunctionDecl *Callee = nullptr;
  /// For member calls: the class of the object expression (its static type),
  /// which may be more derived than the callee's declaring class.
  const clang::CXXRecordDecl *ObjectClass = nullptr;
  clang::SourceLocation Loc;
};

/// One hop of a path through the call graph: `Site` is in the function
/// reached by the previous hop (or the root).
using CallPath = llvm::SmallVector<const CallSite *, 4>;

class CallGraph {
public:
  explicit CallGraph(clang::ASTContext &Ctx) : Ctx(Ctx) {}

  /// Direct call sites in \p F's body, in source order.
  const std::vector<CallSite> &callsIn(const clang::FunctionDecl *F);

  /// Whether the analysis may look inside \p F: it has a body in this TU and
  /// is user code (system-header functions are leaves, matched by catalogs).
  bool isExplorable(const clang::FunctionDecl *F) const;
  /// Whether \p F belongs to the program (not a system header) but its body
  /// is in another translation unit: what it does is unknown here.
  bool isOpaque(const clang::FunctionDecl *F) const;
  /// The function a call or construction \p S enters directly (a callee
  /// named in the call, a constructor), or null.
  static const clang::FunctionDecl *calleeOf(const clang::Stmt *S);
  /// The arguments of a call or construction, by parameter of the callee
  /// (a member operator's object left out).
  static llvm::SmallVector<const clang::Expr *, 4> argumentsOf(const clang::Expr *Call);
  /// The variable or field an argument hands over, by value or by address
  /// (`mu`, `&mu`, `&this->mu_`, `(void *)&state`); null for anything else.
  static const clang::ValueDecl *argumentObject(const clang::Expr *Arg);
  /// The argument in \p Args (a call's, by parameter of \p Callee) that
  /// binds \p Param; null when \p Param is not a parameter of \p Callee or
  /// the call passes none for it.
  static const clang::Expr *argumentFor(const clang::ValueDecl *Param,
                                        const clang::FunctionDecl *Callee,
                                        llvm::ArrayRef<const clang::Expr *> Args);

  struct SearchLimits {
    unsigned MaxDepth = 8;
    /// Do not descend into these functions (e.g. other coroutines, which
    /// are roots of their own).
    std::function<bool(const clang::FunctionDecl *)> StopAt;
  };

  /// Breadth-first search from \p Root for call sites satisfying \p Hit.
  /// Returns one shortest path per distinct hit site; each path starts with
  /// a call site in \p Root and ends with the hit. Recursion is cut by
  /// visiting each function once.
  std::vector<CallPath>
  findPaths(const clang::FunctionDecl *Root,
            const std::function<bool(const CallSite &)> &Hit,
            const SearchLimits &Limits);

private:
  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<std::vector<CallSite>>>
      Cache;
};

} // namespace concur

#endif
