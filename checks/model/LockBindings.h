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
// fields only ever denote one mutex object: every value the TU stores in
// them (PointerStores.h: initialiser, member initialiser, assignment,
// aggregate element, the constructor argument a member initialiser copies)
// names the same mutex declaration, or is null. A pointer whose address
// is taken, or that is passed by non-const reference, may be changed out
// of sight and binds to nothing. A pointer that borrows one mutex is then that mutex's identity,
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

namespace concur {

class PointerStores;

class LockBindings {
public:
  /// Bindings read from \p Stores (the TU's stores into pointers), learned
  /// when a pointer or reference is first resolved.
  explicit LockBindings(PointerStores &Stores) : Stores(Stores) {}

  /// The mutex \p Id borrows, if \p Id is a pointer or reference that only
  /// ever denotes one mutex; \p Id itself otherwise.
  LockId resolve(LockId Id);

private:
  /// The mutex \p Value denotes, or an empty id when it is not one object.
  LockId valueOf(const clang::Expr *Value, unsigned Depth);
  LockId bindingOf(const clang::ValueDecl *D, unsigned Depth);

  PointerStores &Stores;
  llvm::DenseMap<const clang::ValueDecl *, LockId> Memo;
};

} // namespace concur

#endif
