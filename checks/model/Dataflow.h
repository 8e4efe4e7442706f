//===- Dataflow.h - Branch conditions for CFG dataflow ---------*- C++ -*-===//
//
// What a two-way branch tests, normalised: `if (!x)`, `if (x == 0)`,
// `if (0 != x)` and `if (x)` all test `x`, each with the edge on which `x`
// is truthy. Dataflow clients refine their state on each edge from this
// (a try_lock that succeeded, a pthread_mutex_lock that failed, a future
// that is ready) instead of each re-parsing the condition.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_DATAFLOW_H
#define CONCUR_CHECKS_MODEL_DATAFLOW_H

#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"

#include <optional>

namespace concur {

struct BranchTest {
  /// The tested expression, without parentheses, casts and negations.
  const clang::Expr *Tested = nullptr;
  /// Whether the tested expression is truthy (non-zero) when the condition
  /// is true.
  bool TruthyWhenTrue = true;

  /// Whether the tested expression is truthy along successor \p SuccIndex
  /// of the branching block (0: the condition is true).
  bool truthyAlong(unsigned SuccIndex) const { return (SuccIndex == 0) == TruthyWhenTrue; }
};

/// The test of \p From's terminator, if it is a two-way branch on a
/// condition; comparisons other than with zero are taken as they are.
inline std::optional<BranchTest> branchTest(const clang::CFGBlock &From) {
  if (From.succ_size() != 2)
    return std::nullopt;
  const auto *Cond = llvm::dyn_cast_or_null<clang::Expr>(From.getTerminatorCondition());
  if (!Cond)
    return std::nullopt;
  BranchTest T;
  while (true) {
    Cond = Cond->IgnoreParenImpCasts();
    if (const auto *U = llvm::dyn_cast<clang::UnaryOperator>(Cond);
        U && U->getOpcode() == clang::UO_LNot) {
      T.TruthyWhenTrue = !T.TruthyWhenTrue;
      Cond = U->getSubExpr();
      continue;
    }
    if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(Cond);
        BO && (BO->getOpcode() == clang::BO_EQ || BO->getOpcode() == clang::BO_NE)) {
      const clang::Expr *L = BO->getLHS()->IgnoreParenImpCasts();
      const clang::Expr *R = BO->getRHS()->IgnoreParenImpCasts();
      const auto *Zero = llvm::dyn_cast<clang::IntegerLiteral>(R);
      const clang::Expr *Other = L;
      if (!Zero) {
        Zero = llvm::dyn_cast<clang::IntegerLiteral>(L);
        Other = R;
      }
      if (!Zero || Zero->getValue() != 0)
        break;
      if (BO->getOpcode() == clang::BO_EQ)
        T.TruthyWhenTrue = !T.TruthyWhenTrue;
      Cond = Other;
      continue;
    }
    break;
  }
  T.Tested = Cond;
  return T;
}

} // namespace concur

#endif
