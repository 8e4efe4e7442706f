//===- LockCatalog.h - What locks and what is a lock -----------*- C++ -*-===//
//
// The lock facts every lock-aware analysis shares: which types are mutexes
// (and whether they are recursive or readers/writer), which expressions
// acquire or release them (std::mutex::lock, lock_guard/scoped_lock/
// unique_lock/shared_lock guards and their tags, pthread_mutex_*, the concur
// runtime's Mutex family), and which types synchronise by themselves
// (atomics, condition variables, once flags, the runtime's thread-safe types),
// so that an access to them is never a data race.
//
// Clang's thread-safety attributes are facts here: a function annotated
// ACQUIRE(m) acquires m, RELEASE(m) releases it, TRY_ACQUIRE(v, m) acquires
// it when it returns v, and a class annotated `capability` is a mutex
// (`reentrant_capability`: recursive) whatever its name. Mutexes and scoped
// guards of the program's own without attributes are learned from their
// shape and bodies (LockShapes.h).
//
// A lock's identity (LockId) is the declaration that names the mutex object:
// the variable for `m`, `&m` or `*pm`, the field for `this->mu_` or
// `account.mu_`. Distinct objects of one class therefore share the identity
// of their mutex field: `a.mu_` and `b.mu_` are "the same lock", the access
// path abstraction RacerD uses, which errs towards missing races between
// different objects rather than reporting races that a lock prevents. A
// pointer or reference that only ever points at one mutex (`h->mu` filled
// with `&mutex_`) has that mutex's identity (LockBindings.h).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_LOCKCATALOG_H
#define CONCUR_CHECKS_MODEL_LOCKCATALOG_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <memory>
#include <optional>
#include <string>

namespace clang {
class CallExpr;
class CXXMethodDecl;
class CXXRecordDecl;
class Expr;
class FunctionDecl;
class QualType;
class ValueDecl;
class VarDecl;
} // namespace clang

namespace concur {

class LockBindings;
class LockShapes;

/// How a lock is held: exclusively (writer) or shared (reader).
enum class LockMode { Exclusive, Shared };

/// The identity of a mutex object (see the file comment).
struct LockId {
  const clang::ValueDecl *Decl = nullptr;
  bool operator==(const LockId &O) const { return Decl == O.Decl; }
  bool operator!=(const LockId &O) const { return Decl != O.Decl; }
  explicit operator bool() const { return Decl != nullptr; }
  /// `m`, `Account::mu_`: the name diagnostics use.
  std::string name() const;
};

/// What kind of mutex a type is.
struct MutexTypeInfo {
  bool Recursive = false;
  bool SharedCapable = false; ///< has a reader (shared) mode
};

/// One lock operation found at a call or construction.
struct LockOperation {
  enum Kind {
    Acquire,     ///< m.lock(), pthread_mutex_lock(&m), std::lock(a, b), ACQUIRE(m)
    TryAcquire,  ///< m.try_lock(): acquired iff the call returns SuccessValue
    Release,     ///< m.unlock(), pthread_mutex_unlock(&m), RELEASE(m)
    GuardLock,   ///< a guard constructed holding its mutexes (lock_guard, ...)
    GuardDeferred, ///< unique_lock(m, defer_lock): associated, not held
    GuardTry,    ///< unique_lock(m, try_to_lock): held iff owns_lock()
    GuardAdopt,  ///< lock_guard(m, adopt_lock): takes over a held lock
    GuardRelock, ///< lk.lock() on a unique_lock/shared_lock
    GuardTryRelock, ///< lk.try_lock(): held iff it returns true
    GuardUnlock, ///< lk.unlock()
    GuardDisown, ///< lk.release(): the lock stays held, the guard forgets it
    GuardOwns,   ///< lk.owns_lock() / bool(lk): a query, for branches
    Assert,      ///< m.AssertHeld(), ASSERT_CAPABILITY(m): held (by the caller) here
  };
  Kind Op = Acquire;
  LockMode Mode = LockMode::Exclusive;
  /// The mutex expressions (several for scoped_lock / std::lock); empty for
  /// operations on a guard, which know their mutexes from its construction,
  /// except a learned guard's `lk.acquire(m)`, which names its mutex.
  llvm::SmallVector<const clang::Expr *, 2> Mutexes;
  /// For guard member calls: the guard object expression.
  const clang::Expr *GuardObject = nullptr;
  /// For TryAcquire: the return value meaning "acquired" (pthread_*trylock
  /// returns 0 on success).
  bool SuccessValue = true;
};

class LockCatalog {
public:
  /// \p ExtraMutexTypes: `ns::Type` or `ns::Type=recursive` / `=shared`,
  /// separated by ';', added to the built-in mutex types.
  explicit LockCatalog(llvm::StringRef ExtraMutexTypes = "");
  ~LockCatalog();
  LockCatalog(const LockCatalog &) = delete; // its LockShapes refer back to it
  LockCatalog &operator=(const LockCatalog &) = delete;

  /// Whether \p T (through references and pointers) is a mutex type.
  std::optional<MutexTypeInfo> mutexType(clang::QualType T) const;
  /// Whether \p T is one of the built-in lock types (std::mutex,
  /// pthread_rwlock_t, ...), not one learned or configured.
  bool isBuiltinMutexType(clang::QualType T) const;
  /// Whether \p T is a scoped lock guard type (lock_guard, unique_lock, ...).
  bool isGuardType(clang::QualType T) const;
  /// Whether \p T is a scoped guard or a scoped unlocker (LockShapes.h):
  /// a class whose mutex member is each object's own association.
  bool isScopedLockType(clang::QualType T) const;
  /// Whether accesses to an object of type \p T synchronise by themselves:
  /// atomics, mutexes and guards, condition variables, once flags, latches,
  /// futures, threads, the concur runtime's thread-safe types, and classes
  /// made only of such members (and const ones).
  bool isSynchronizing(clang::QualType T) const;

  /// The lock operation performed by \p Call (a CallExpr or
  /// CXXConstructExpr), if any.
  std::optional<LockOperation> classify(const clang::Expr *Call) const;

  /// The identity of the mutex an expression denotes (`m`, `&m`, `*pm`,
  /// `this->mu_`, `obj.mu_`), through the pointers that borrow one mutex
  /// (LockBindings.h); empty if it is not a recognisable object.
  LockId lockIdOf(const clang::Expr *MutexExpr) const;
  /// The declaration an expression names as it is written, with no
  /// binding followed: `h->mu` is the field `mu` (what an atomic's or a
  /// guard's own member is).
  static LockId objectIdOf(const clang::Expr *MutexExpr);
  /// Follows borrowed pointers from now on (the model's per-TU bindings).
  void useBindings(LockBindings *B) { Bindings = B; }
  /// The mutex member an accessor hands out (`InstrumentedMutex *mutex()
  /// { return &mutex_; }`, or one marked RETURN_CAPABILITY), or null.
  static const clang::Expr *returnedMutex(const clang::CXXMethodDecl *M);
  /// The locks \p F requires on entry (REQUIRES / REQUIRES_SHARED).
  llvm::SmallVector<std::pair<LockId, LockMode>, 2>
  requiredLocks(const clang::FunctionDecl *F) const;
  /// Whether \p F opts out of lock analysis (NO_THREAD_SAFETY_ANALYSIS):
  /// its author vouches for its locking (a test that upgrades a reader lock,
  /// a for-testing accessor), so the lock checks report nothing in it and
  /// its accesses are no evidence of a field's discipline.
  static bool skipsLockAnalysis(const clang::FunctionDecl *F);
  /// Whether \p V is one of the standard streams (std::cout, std::cerr,
  /// std::clog, std::cin and their wide forms): synchronised with C stdio
  /// by default, so concurrent output interleaves but does not race.
  static bool isSynchronizedStream(const clang::VarDecl *V);
  /// The lock a field or variable is GUARDED_BY, if annotated.
  LockId guardOf(const clang::ValueDecl *D) const;

  /// Built-in mutex type names, for documentation.
  static llvm::ArrayRef<const char *> builtinMutexTypes();

private:
  std::optional<MutexTypeInfo> mutexClass(const clang::CXXRecordDecl *RD) const;
  bool madeOfSynchronizingMembers(clang::QualType T) const;
  bool isStandardGuard(const clang::CXXRecordDecl *RD) const;
  /// A guard's construction: which mutexes it takes, and how.
  std::optional<LockOperation> classifyConstruction(const clang::CXXConstructExpr *CE) const;
  /// `lk.unlock()`, `lk.acquire(m)`, `bool(lk)` on a guard object.
  std::optional<LockOperation> guardMemberCall(const clang::CallExpr *Call,
                                               const clang::CXXMethodDecl *Method,
                                               const clang::Expr *Object) const;
  llvm::StringMap<MutexTypeInfo> ExtraTypes;
  /// Mutexes and guards of the program's own, learned from their bodies.
  std::unique_ptr<LockShapes> Shapes;
  /// Learned on demand: lockIdOf stays a query of the catalog.
  LockBindings *Bindings = nullptr;
  mutable llvm::DenseMap<const clang::CXXRecordDecl *, bool> MemberwiseSynchronizing;
};

} // namespace concur

#endif
