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
#include "llvm/ADT/DenseSet.h"

namespace clang {
class CFG;
class CFGBlock;
class FunctionDecl;
class Stmt;
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

  /// Whether a call of \p F, a function of the program, ends the process
  /// because something failed: every path of it ends in abort, a failed
  /// assertion, `exit(1)` or another such function (see endAt), and no loop
  /// keeps it from getting there. Not pthread_exit (the thread ends, the
  /// process goes on), not a function that only throws, not `exit(0)`.
  bool endsProcess(const clang::FunctionDecl *F);
  /// Whether \p S, a statement of \p Def, runs only on the way to ending
  /// the process on a failure: its block goes on to a call that ends it
  /// (`fatal(msg)`, `exit(EXIT_FAILURE)`, or a handler that the code marks
  /// as never returning with `__builtin_unreachable()`). What a thread does there, the process
  /// does not outlive: a race with it is not one a user can act on.
  bool onWayOut(const clang::FunctionDecl *Def, const clang::Stmt *S);

private:
  /// The block's first element that ends the process because something
  /// failed (a library call such as abort, or endsProcess), or -1.
  int endAt(const clang::CFGBlock &B);

  ConcurrencyModel &Model;
  enum class State { InProgress, Returns, NeverReturns };
  llvm::DenseMap<const clang::FunctionDecl *, State> Memo;
  llvm::DenseMap<const clang::FunctionDecl *, State> EndsMemo;
  /// Per function, the statements on the way out (elements and their
  /// sub-expressions).
  llvm::DenseMap<const clang::FunctionDecl *, llvm::DenseSet<const clang::Stmt *>> WayOut;
};

} // namespace concur

#endif
