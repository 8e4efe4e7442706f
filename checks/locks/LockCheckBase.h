//===- LockCheckBase.h - What the lock checks share -------------*- C++ -*-===//
//
// The lock checks report a lock operation together with how control got
// there: the call chain from the function where the lock is held down to
// the operation in a callee, one note per hop. Those that follow calls share
// the `MaxCallDepth` option (how many calls deep a chain may be).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_LOCKS_LOCKCHECKBASE_H
#define CONCUR_CHECKS_LOCKS_LOCKCHECKBASE_H

#include "../ConcurCheck.h"
#include "../model/LockAcquisitions.h"

namespace concur {

class LockCheckBase : public ConcurCheck {
public:
  /// \p FollowsCalls: the check reports through callees and has the
  /// MaxCallDepth option.
  LockCheckBase(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context,
                bool FollowsCalls = true);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  /// Notes for the hops of \p Chain after the first (the first is where the
  /// warning or an earlier note points): "'f' calls 'g' here".
  void noteHops(const CallPath &Chain);
  /// Notes for how \p A was acquired: the hops of its chain and the lock
  /// operation itself, "<What> here" (e.g. "'m' is acquired here").
  void noteAcquisition(const clang::FunctionDecl *From, const LockAcquisition &A,
                       llvm::StringRef What);
  /// Whether \p F is user code worth reporting in: not a system header's,
  /// nor opted out of lock analysis (NO_THREAD_SAFETY_ANALYSIS).
  bool isUserCode(const ConcurrencyModel &Model, const clang::FunctionDecl *F) const;

  const bool FollowsCalls;
  const unsigned MaxCallDepth;
};

} // namespace concur

#endif
