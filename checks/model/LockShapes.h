//===- LockShapes.h - Mutexes and guards learned from their bodies -*- C++ -*-===//
//
// Real projects bring their own locks: a spin mutex over an atomic flag, a
// mutex that wraps a futex or another mutex, a scoped lock template with
// acquire()/release() methods. None of them carries a known name or a
// thread-safety attribute, yet the code that uses them is as well locked
// as code that uses std::mutex. This file learns them from their shape and
// their bodies, so that every lock-aware analysis sees them:
//
//  - A *mutex* meets the standard's BasicLockable requirements (public
//    `lock()` and `unlock()` taking no arguments, what std::lock_guard
//    asks of a type), cannot be copied (a copied lock would be a second
//    lock), and, where its body is visible, `lock()` waits (a loop), takes
//    another lock, or hands over to a method of its own defined in another
//    file (`lock() { Lock(); }`). Google-style `Lock()`/`Unlock()` names
//    make a mutex too, when a body shows it (`Lock()` waits or locks, or
//    `Unlock()` releases the mutex it wraps) or its own private state is a
//    platform lock (a `pthread_mutex_t` member of a class whose methods are
//    defined in another file). `lock_shared()`/`unlock_shared()` make it a
//    readers/writer lock; so do `WriteLock()`/`WriteUnlock()` with
//    `ReadLock()`/`ReadUnlock()` (or Writer/Reader), on the same evidence. It is recursive only when it wraps a recursive
//    mutex, its constructor makes the wrapped pthread mutex recursive, or
//    it remembers its owner thread; a spin lock relocked by its holder
//    never returns.
//  - A *scoped guard* is constructed from a reference (or pointer) to a
//    mutex, remembers it in a pointer or reference member, takes it in the
//    constructor and gives it back in the destructor (directly or through
//    its own methods). Its other methods are what their bodies do: one
//    that only releases is an unlock, one that only acquires is a relock,
//    one that tries is a try-relock. A class derived from a guard whose
//    constructor finds the mutex itself and takes it through the base's
//    methods (a bucket accessor locking the bucket of a hash) is a guard of
//    that mutex too; the base's destructor gives it back.
//
//  - A *scoped unlocker* is a guard inside out: built from a mutex its
//    caller holds, its constructor releases it and its destructor takes it
//    back, so the scope it lives in runs without the lock.
//
//  - A *null mutex* has `lock()` and `unlock()` with empty bodies: the
//    policy type a template takes to make an instance that one thread
//    uses (`Event<Args, NullMutex>`). It is a mutex for the locking
//    discipline (what the template does under it, its other instances do
//    under a real one), and recursive; it makes nobody wait, so no
//    deadlock check counts it (nobodyWaitsFor).
//
// What is deliberately not learned: a class whose lock() is visible and
// neither waits nor locks (a flag setter is not a lock), a copyable class,
// and any method whose body both releases and acquires (an upgrade): such a
// method leaves the lockset as it was, which errs towards silence.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_LOCKSHAPES_H
#define CONCUR_CHECKS_MODEL_LOCKSHAPES_H

#include "LockCatalog.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace clang {
class CXXConstructorDecl;
class CXXMethodDecl;
class Expr;
class FunctionDecl;
class CXXRecordDecl;
class FunctionDecl;
} // namespace clang

namespace concur {

/// What a function does to locks, read from its body and from the bodies
/// of its own class's methods that it calls on `this`.
struct BodyLockEffect {
  bool Acquires = false;       ///< takes a lock for good (lock, guard-free)
  bool AcquiresShared = false; ///< takes a lock in shared (reader) mode
  bool TryAcquires = false;    ///< takes a lock only on success
  bool Releases = false;       ///< gives a lock back
  bool Waits = false;          ///< contains a loop (a spin or wait loop)
  bool Recursive = false;      ///< what it takes is (or it makes) a recursive mutex
  /// Calls a method of its own object defined in another file (`lock() {
  /// Lock(); }`): what that does is unknown here.
  bool CallsUnseenOwnMethod = false;
  /// Mutexes it takes through a guard's methods called on `this` (a class
  /// derived from a guard: `acquire(bucket->mutex)`), one per lock.
  llvm::SmallVector<const clang::Expr *, 2> ThisGuardMutexes;
};

/// Whether \p RD is a null mutex (see above).
bool isNullMutex(const clang::CXXRecordDecl *RD);

class LockShapes {
public:
  explicit LockShapes(const LockCatalog &Catalog) : Catalog(Catalog) {}

  /// \p RD (a definition) as a mutex learned from its shape, if it is one.
  std::optional<MutexTypeInfo> mutexInfo(const clang::CXXRecordDecl *RD) const;
  /// Whether \p RD (a definition) is a scoped guard learned from its shape.
  bool isGuard(const clang::CXXRecordDecl *RD) const;
  /// Whether \p RD is a scoped *unlocker*, a guard inside out: built from a
  /// mutex that its caller holds, it releases it in its constructor and
  /// takes it back in its destructor (`MutexUnlock u(&mu); slow_io();`).
  bool isScopedUnlocker(const clang::CXXRecordDecl *RD) const;
  /// What calling \p M on a learned guard does to the guard's lock: Unlock,
  /// Relock or TryRelock; none when the body says neither (or both).
  std::optional<LockOperation::Kind> guardMethod(const clang::CXXMethodDecl *M) const;
  /// The mode a learned guard's constructor \p Ctor takes its mutex in;
  /// none if this constructor does not lock (it adopts a held lock, as
  /// `scoped_lock(m, adopt_lock)` does).
  std::optional<LockMode> constructorLock(const clang::FunctionDecl *Ctor) const;
  /// For a class derived from a guard whose constructor finds the mutex
  /// itself (`BucketLock(table, hash)` looks up the bucket and calls its
  /// base's `acquire(bucket->mutex)`): the mutexes the base's methods take
  /// on `this` in \p Ctor's body or in the class's own methods it calls.
  /// Empty for any other constructor.
  llvm::SmallVector<const clang::Expr *, 2>
  derivedGuardMutexes(const clang::CXXConstructorDecl *Ctor) const;

private:
  /// Whether \p RD's own (non-public) state holds a built-in lock type.
  bool wrapsPlatformLock(const clang::CXXRecordDecl *RD) const;
  /// A readers/writer lock with Write/Read Lock/Unlock methods.
  std::optional<MutexTypeInfo> readerWriterInfo(const clang::CXXRecordDecl *RD) const;

  BodyLockEffect effectOf(const clang::FunctionDecl *F, unsigned Depth = 0) const;
  /// What \p RD's constructors that are given a mutex (by reference or
  /// pointer) do, when \p RD keeps such a mutex in a member: the
  /// construction of a guard or of an unlocker. Empty otherwise.
  llvm::SmallVector<BodyLockEffect, 2> mutexConstructorEffects(const clang::CXXRecordDecl *RD) const;

  const LockCatalog &Catalog;
  /// Memoised; an entry of a class being decided says "not a mutex" /
  /// "not a guard", so that cycles through pointer members end.
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, std::optional<MutexTypeInfo>> Mutexes;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, bool> Guards;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, bool> Unlockers;
  mutable llvm::DenseMap<const clang::FunctionDecl *, BodyLockEffect> Effects;
};

} // namespace concur

#endif
