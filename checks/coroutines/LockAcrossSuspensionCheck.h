//===- LockAcrossSuspensionCheck.h -----------------------------*- C++ -*-===//
//
// concur-lock-across-suspension: a thread lock (std::mutex and friends,
// pthread mutexes, capability-annotated types) that is still held when a
// coroutine suspends at co_await or co_yield. While the coroutine is
// suspended its thread runs other tasks; the first one that takes the same
// lock blocks the thread the suspended coroutine needs to resume on: the
// event loop deadlocks. A coroutine resumed on another thread also unlocks a
// mutex that thread does not own (undefined behaviour).
//
// Flow-sensitive, from the shared Locksets: a guard counts while it is
// alive, a manual lock() until unlock(), locks left held by same-TU helpers
// too, on every path into the suspension point.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_COROUTINES_LOCKACROSSSUSPENSIONCHECK_H
#define CONCUR_CHECKS_COROUTINES_LOCKACROSSSUSPENSIONCHECK_H

#include "../ConcurCheck.h"

#include "llvm/ADT/SmallVector.h"

#include <string>

namespace concur {

struct HeldLock;
class Locksets;

class LockAcrossSuspensionCheck : public ConcurCheck {
public:
  LockAcrossSuspensionCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  bool isLanguageVersionSupported(const clang::LangOptions &LO) const override {
    return LO.CPlusPlus20;
  }
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

  /// Lock and guard types that are meant to be held across co_await
  /// (asynchronous mutexes), the option's default.
  static const char *defaultCoroutineAwareLockTypes();

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  /// Whether \p Lock's mutex or guard is a coroutine-aware type.
  bool isCoroutineAware(const HeldLock &Lock) const;
  bool matchesAwareType(const std::string &TypeName) const;
  /// Notes from where \p Lock was acquired down to the acquiring call inside
  /// same-TU helpers.
  void noteAcquisition(const HeldLock &Lock, const clang::FunctionDecl *Coroutine,
                       const char *Keyword, Locksets &Locks);

  const std::string CoroutineAwareLockTypes;
  llvm::SmallVector<std::string, 8> AwareNames;    ///< exact names
  llvm::SmallVector<std::string, 4> AwarePrefixes; ///< entries ending in "::"
};

} // namespace concur

#endif
