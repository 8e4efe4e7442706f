//===- UnsynchronizedSharedMemoryCheck.h -----------------------*- C++ -*-===//
//
// concur-unsynchronized-shared-memory: plain (non-atomic) writes to memory
// mapped MAP_SHARED that several processes write at once, with no
// process-shared lock held: multiprocessing's Value without get_lock().
// Read-modify-writes from two processes lose updates like threads do.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_PROCESSES_UNSYNCHRONIZEDSHAREDMEMORYCHECK_H
#define CONCUR_CHECKS_PROCESSES_UNSYNCHRONIZEDSHAREDMEMORYCHECK_H

#include "../ConcurCheck.h"

#include "llvm/ADT/StringSet.h"

namespace concur {

class UnsynchronizedSharedMemoryCheck : public ConcurCheck {
public:
  UnsynchronizedSharedMemoryCheck(llvm::StringRef Name,
                                  clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  /// Extra lock types (`;`-separated) whose objects synchronise processes.
  const std::string ProcessSharedLockTypes;
  llvm::StringSet<> ExtraLockTypes;
};

} // namespace concur

#endif
