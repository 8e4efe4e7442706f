//===- GlobalConditions.h - What a path knows of a global's value -*- C++ -*-===//
//
// Programs tell their threads' roles apart by a global's value. An I/O
// thread only reads while the main thread has set the mode to READ, and a
// helper that both run stops early when it finds itself on an I/O thread:
//
//   void *ioThread(void *) {                 void parseInput(Client *c) {
//     ...                                      ...
//     if (io_mode == IO_READ)                  if (io_mode != IO_IDLE) {
//       readFromClient(c);                       c->pending = 1;
//     ...                                        return;   // not on an
//   }                                          }           // I/O thread
//                                              execute(c); // main only
//                                            }
//
// execute() never runs on the I/O thread: the path from ioThread to it
// assumes io_mode == IO_READ at one call and io_mode == IO_IDLE at the
// next. This analysis names, for each statement of a function, the facts
// every path from the function's entry to it establishes about globals and
// the function's parameters (`v == c`, `v != c` for an integer constant c;
// `v` truthy is `v != 0`, also for a pointer). SharedAccesses carries them
// on each access up the call chain and drops an access (or a call path)
// whose facts contradict each other; a fact on a parameter meets the
// argument at each call (`closeClient(c, /*async=*/1)` never reaches the
// `if (!async) free(c);` branch), goes on up as a fact of the caller's
// parameter the caller passes on unchanged, and meets a thread's start
// arguments at the spawn (`pthread_create(&t, 0, worker, NULL)` never
// takes worker's `if (arg)`).
//
// What is assumed: a global or parameter the function's own body never
// writes (assigns, increments, takes the address of) keeps its value while
// the function runs, as InvariantConditions assumes for correlated
// branches. A global the body writes gives no fact; a fact a callee's path
// made is dropped at the call when that callee, or one it calls, writes the
// global (atCall). Another thread flipping the flag in
// between is a different bug: the flag's own accesses report it.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_GLOBALCONDITIONS_H
#define CONCUR_CHECKS_MODEL_GLOBALCONDITIONS_H

#include "ConcurrencyModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <memory>
#include <optional>

namespace clang {
class CFGBlock;
class Expr;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace concur {

class InvariantConditions;

/// `Var == Value` (Equal) or `Var != Value`.
struct ValueFact {
  const clang::VarDecl *Var = nullptr;
  int64_t Value = 0;
  bool Equal = true;
  bool operator==(const ValueFact &O) const {
    return Var == O.Var && Value == O.Value && Equal == O.Equal;
  }
};
using ValueFacts = llvm::SmallVector<ValueFact, 1>;

/// \p A and \p B together; none when one contradicts the other (`v == 1`
/// and `v == 2`, or `v == 1` and `v != 1`).
std::optional<ValueFacts> conjoin(const ValueFacts &A, const ValueFacts &B);
/// \p Facts, of paths in \p Callee, as its caller sees them at a call
/// passing \p Args (by parameter): a fact on a parameter is checked
/// against a constant argument and then dropped, as it is for any other
/// argument; none when a constant argument contradicts one.
std::optional<ValueFacts> throughCall(const ValueFacts &Facts, const clang::FunctionDecl *Callee,
                                      llvm::ArrayRef<const clang::Expr *> Args);

/// Whether the edge \p SuccIndex of \p From, a branch in \p Def, can be
/// taken when a call passing \p Args enters \p Def: not when the edge's
/// fact on a parameter Def never changes (\p Inv) meets a constant
/// argument that contradicts it (`check(max, /*locked=*/true)` never takes
/// `if (!locked)`).
bool takenWithArguments(const clang::FunctionDecl *Def, const clang::CFGBlock &From,
                        unsigned SuccIndex, llvm::ArrayRef<const clang::Expr *> Args,
                        const InvariantConditions &Inv);

class GlobalConditions : public ModelAnalysis {
public:
  explicit GlobalConditions(ConcurrencyModel &Model);
  ~GlobalConditions() override;

  /// The facts every path from \p Def's entry to \p S (a CFG element of
  /// \p Def) establishes; empty when none or \p S is not an element.
  const ValueFacts &before(const clang::FunctionDecl *Def, const clang::Stmt *S);
  /// Like before(), for the innermost of \p Ancestors (innermost last) that
  /// is an element: the facts at an arbitrary sub-expression.
  const ValueFacts &around(const clang::FunctionDecl *Def,
                           llvm::ArrayRef<const clang::Stmt *> Ancestors);
  /// \p CalleeFacts, facts of a path in \p Callee, as \p Caller sees them
  /// at its call \p Call: those on a global the callee (or a function it
  /// calls in this TU) may change are dropped, those on parameters meet the
  /// arguments (throughCall) and, where the caller passes on a parameter of
  /// its own that it never changes, become facts of that parameter; the
  /// facts at the call are added. None when they contradict: the path is
  /// never taken from this call.
  std::optional<ValueFacts> atCall(const clang::FunctionDecl *Caller, const clang::Expr *Call,
                                   const clang::FunctionDecl *Callee,
                                   const ValueFacts &CalleeFacts);

  struct FunctionFacts;

private:
  FunctionFacts &of(const clang::FunctionDecl *Def);
  /// The globals \p F's body, or a function it calls in this TU, writes
  /// (by first declaration); a call cycle adds nothing more.
  const llvm::DenseSet<const clang::VarDecl *> &changedBy(const clang::FunctionDecl *F);
  /// The parameter of \p Caller that \p Arg passes on unchanged, when the
  /// fact \p F of the callee's parameter still holds of it.
  /// What \p Def's body never changes (one walk per function, shared by
  /// the facts, changedBy and forwardedParameter).
  const InvariantConditions &invariantsOf(const clang::FunctionDecl *Def);
  const clang::VarDecl *forwardedParameter(const clang::Expr *Arg, const clang::FunctionDecl *Caller,
                                           const ValueFact &F);

  ConcurrencyModel &Model;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionFacts>> Functions;
  llvm::DenseMap<const clang::FunctionDecl *, llvm::DenseSet<const clang::VarDecl *>> Changed;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<InvariantConditions>> Invariants;
};

} // namespace concur

#endif
