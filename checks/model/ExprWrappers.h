//===- ExprWrappers.h - See through value-preserving wrappers --*- C++ -*-===//
//
// Clang wraps the expression a user wrote in nodes that keep its value:
// parentheses, implicit casts, full-expression cleanups and temporaries
// (`f.wait_for(0s)` binds a materialised temporary; `auto t = task();`
// wraps the call in cleanups and a bound temporary). Analyses that ask
// "which call/variable is this?" look through them.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_EXPRWRAPPERS_H
#define CONCUR_CHECKS_MODEL_EXPRWRAPPERS_H

#include "llvm/ADT/APSInt.h"

#include <optional>

namespace clang {
class ASTContext;
class ValueDecl;
class ParmVarDecl;
class Expr;
} // namespace clang

namespace concur {

/// \p E without parentheses, implicit casts, ExprWithCleanups,
/// MaterializeTemporaryExpr and CXXBindTemporaryExpr; null stays null.
const clang::Expr *ignoreValueWrappers(const clang::Expr *E);

/// \p E (value wrappers ignored) without std::move and std::forward calls:
/// `std::move(h)` bound to a reference parameter is `h` itself.
const clang::Expr *ignoreMoveOrForward(const clang::Expr *E);

/// Also looks through copies and moves: functional casts, copy/move
/// construction, std::move and std::forward. `std::thread t(std::move(f))`
/// and `auto t = Task(make())` denote `f` and `make()`.
const clang::Expr *ignoreCopiesAndMoves(const clang::Expr *E);

/// What a `std::ref(x)` / `std::cref(x)` argument wraps (`x`), or null:
/// the object a thread's reference parameter binds to.
const clang::Expr *referenceWrapped(const clang::Expr *E);

/// The argument a call or construction passes for the callee's parameter
/// \p P (skipping the object of a member operator call); null when there is
/// none (a default argument not written, a variadic tail).
const clang::Expr *argumentFor(const clang::Expr *Call, const clang::ParmVarDecl *P);

/// The state \p E names when it is the object's or the program's: a field
/// of `this` (of any object when \p AnyObject), or a variable with static
/// storage that is not thread-local (a global, a static member). Null
/// otherwise.
const clang::ValueDecl *ownFieldOrGlobal(const clang::Expr *E, bool AnyObject = false);

/// The integer \p E folds to (`2`, `kSlots - 1`, `std::memory_order_relaxed`),
/// if it folds; none for null or a value that depends on a template.
std::optional<llvm::APSInt> constantOf(const clang::Expr *E, const clang::ASTContext &Ctx);

} // namespace concur

#endif
