//===- LockBindings.h - Pointers that borrow one mutex ----------*- C++ -*-===//
//
// A lock's identity is the declaration that names the mutex object
// (LockCatalog.h). A pointer or reference to a mutex names no object of its
// own: `h->mu->Lock()` locks whatever `mu` points to. Real code hands
// mutexes around this way all the time: a cleanup record built as
// `new Cleanup(this, &mutex_)` whose callback locks `h->mu`, a worker
// argument `struct arg { pthread_mutex_t *lock; }` filled with `&g_lock`, a
// local `std::mutex *m = &mu_`. Naming such a lock by the pointer (`mu`,
// `lock`, `m`) makes it a different lock from the mutex it borrows, and
// every access it guards looks unguarded.
//
// This file learns, per TU, which pointer and reference variables and
// fields only ever denote one mutex object: every value stored in them
// (initialiser, member initialiser, assignment, aggregate element, the
// constructor argument a member initialiser copies) names the same mutex
// declaration, or is null. A pointer whose address is taken, or that is
// passed by non-const reference, may be changed out of sight and binds to
// nothing. A pointer that borrows one mutex is then that mutex's identity,
// in the same access-path abstraction as `a.mu_` and `b.mu_`: the mutex
// field, not the instance.
//
// What it does not do: follow a pointer through ordinary function
// parameters (a lock passed in is the caller's argument, which Locksets
// translates at each call), or constructions it cannot see (make_unique's
// forwarded arguments, another TU's): a binding is what this TU shows.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_LOCKBINDINGS_H
#define CONCUR_CHECKS_MODEL_LOCKBINDINGS_H

#include "LockCatalog.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <vector>

namespace clang {
class ASTContext;
class CXXConstructorDecl;
class CXXConstructExpr;
class Stmt;
} // namespace clang

namespace concur {

class LockBindings {
public:
  /// The bindings of \p Functions' bodies (and the TU's globals), learned
  /// when a pointer or reference is first resolved; \p Catalog says which
  /// pointee types are mutexes.
  LockBindings(clang::ASTContext &Ctx, const LockCatalog &Catalog,
               llvm::ArrayRef<const clang::FunctionDecl *> Functions);

  /// The mutex \p Id borrows, if \p Id is a pointer or reference that only
  /// ever denotes one mutex; \p Id itself otherwise.
  LockId resolve(LockId Id);

private:
  void scanOnce();
  void scanGlobals(const clang::DeclContext *DC);
  void scanFunction(const clang::FunctionDecl *F);
  void scan(const clang::Stmt *Root);
  /// The stores, escapes and constructions one statement makes.
  void scanNode(const clang::Stmt *S);
  void scanCall(const clang::Expr *Call, const clang::FunctionDecl *Callee);
  void scanInitList(const clang::InitListExpr *ILE);
  /// The declaration an lvalue of a tracked pointer denotes (`p`, `h->mu`).
  const clang::ValueDecl *trackedTarget(const clang::Expr *E) const;
  bool isTracked(const clang::ValueDecl *D) const;
  void addSource(const clang::ValueDecl *D, const clang::Expr *Value);
  /// A null pointer (stores of it point nowhere, so they bind nothing).
  bool isNull(const clang::Expr *Value) const;
  /// The mutex \p Value denotes, or an empty id when it is not one object.
  LockId valueOf(const clang::Expr *Value, unsigned Depth);
  LockId bindingOf(const clang::ValueDecl *D, unsigned Depth);

  clang::ASTContext &Ctx;
  const LockCatalog &Catalog;
  llvm::ArrayRef<const clang::FunctionDecl *> Functions;
  bool Scanned = false;
  /// Values stored in each tracked declaration.
  llvm::DenseMap<const clang::ValueDecl *, llvm::SmallVector<const clang::Expr *, 2>> Sources;
  /// Tracked declarations changed out of sight (address taken, passed by
  /// non-const reference).
  llvm::DenseSet<const clang::ValueDecl *> Escaped;
  /// Constructions of each constructor (canonical), for the arguments a
  /// member initialiser copies from a constructor parameter.
  llvm::DenseMap<const clang::CXXConstructorDecl *, std::vector<const clang::CXXConstructExpr *>>
      Constructions;
  llvm::DenseMap<const clang::ValueDecl *, LockId> Memo;
};

} // namespace concur

#endif
