//===- Termination.h - Calls that never return -----------------*- C++ -*-===//
//
// A call that cannot return ends the path it is on: what follows it in the
// caller never runs after it. Clang's CFG knows this for functions declared
// noreturn (`[[noreturn]]`, `_Noreturn`, exit, abort); this analysis also
// learns it from bodies: a function none of whose paths reaches its end (it
// always calls one that never returns, throws, or loops forever) never
// returns either. Dataflow clients stop at such calls (see cutAt) so that a
// lock taken before `fatal()` is not "held" after it, and an access after it
// is dead code.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_TERMINATION_H
#define CONCUR_CHECKS_MODEL_TERMINATION_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/DenseMap.h"

namespace clang {
class CFG;
class CFGBlock;
class FunctionDecl;
} // namespace clang

namespace concur {

class Termination : public ModelAnalysis {
public:
  explicit Termination(ConcurrencyModel &Model) : Model(Model) {}

  /// Whether a call of \p F never returns to its caller.
  bool neverReturns(const clang::FunctionDecl *F);
  /// The index of the first element of \p B that never returns (a call of
  /// such a function), or -1: elements after it, and B's successors, are
  /// not reached through it.
  int cutAt(const clang::CFGBlock &B);
  /// Whether control can leave \p B along its edges: false after a call
  /// that never returns (Clang's own noreturn blocks included).
  bool leaves(const clang::CFGBlock &B);

private:
  ConcurrencyModel &Model;
  enum class State { InProgress, Returns, NeverReturns };
  llvm::DenseMap<const clang::FunctionDecl *, State> Memo;
};

} // namespace concur

#endif
