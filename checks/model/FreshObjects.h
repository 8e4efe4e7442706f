//===- FreshObjects.h - Objects nothing else refers to yet -----*- C++ -*-===//
//
// RacerD's ownership: an object a function has just made, and has not yet
// let anything else see, is that function's alone. No other thread can
// reach it, so what the function does to it cannot race, whatever locks it
// holds. Two shapes matter in real code:
//
//  - a pointer to a fresh allocation handed straight on
//    (`enlist(new Member)`, `add(create<Node>())`): the callee owns what it
//    reaches through it (SharedAccesses' roots);
//  - a two-step construction: `auto *db = new DBImpl(...); db->Open();`,
//    where Open() finishes what the constructor began before the object is
//    published. Such a method is, like a constructor, not yet running on a
//    shared object (the cross-TU join leaves it out of a field's locking
//    discipline when every call of it is made so).
//
// What is not fresh: a pointer the function received, a variable used
// before the call (its address or value may have gone anywhere), and a
// call in a loop that the variable outlives (the next iteration calls on
// an object the previous one may have published). A constructor that
// publishes `this` itself (registers it, starts a thread on it) is not
// seen; as RacerD does, concur takes a constructed object as owned.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_FRESHOBJECTS_H
#define CONCUR_CHECKS_MODEL_FRESHOBJECTS_H

namespace clang {
class ASTContext;
class CXXMemberCallExpr;
class Expr;
class FunctionDecl;
} // namespace clang

namespace concur {

class ConcurrencyModel;

/// Whether \p E makes an object nothing else refers to yet: a
/// new-expression, a malloc-family call, or a call of a function (such as
/// a factory) whose every return is one of those or null, looked into
/// \p Depth calls deep.
bool isFreshObject(const clang::Expr *E, const clang::ASTContext &Ctx, unsigned Depth = 3);

/// Whether \p Call, in \p Caller's body, is made on an object \p Caller
/// made and has not let out yet: a local variable that holds a fresh
/// allocation (or is a local object itself), at its first use
/// (FunctionFacts' uses), not in a loop the variable outlives.
bool callsOnFreshObject(const clang::CXXMemberCallExpr *Call, const clang::FunctionDecl *Caller,
                        ConcurrencyModel &Model);

} // namespace concur

#endif
