//===- ManualLockUnlockCheck.h ---------------------------------*- C++ -*-===//
//
// concur-manual-lock-unlock: a mutex locked by hand (m.lock(),
// pthread_mutex_lock) that the function unlocks on some paths but not on
// others: an early return, a throw, a break or goto jumps past the
// unlock(), and the mutex stays locked for every other thread. Python's
// `with lock:` releases on every exit; the C++ equivalent is a scoped
// guard (std::lock_guard, std::unique_lock, std::scoped_lock).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_LOCKS_MANUALLOCKUNLOCKCHECK_H
#define CONCUR_CHECKS_LOCKS_MANUALLOCKUNLOCKCHECK_H

#include "LockCheckBase.h"

namespace concur {

class ManualLockUnlockCheck : public LockCheckBase {
public:
  ManualLockUnlockCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  void checkFunction(ConcurrencyModel &Model, const clang::FunctionDecl *F);

  /// Offer the scoped-guard rewrite as a fix-it where it is a local edit.
  const bool SuggestFixes;
};

} // namespace concur

#endif
