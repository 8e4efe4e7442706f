//===- UnjoinedThreadCheck.h -----------------------------------*- C++ -*-===//
//
// concur-unjoined-thread: a std::thread that can reach its destructor (or a
// move-assignment) while joinable, on some path through the function:
// early returns, breaks, exceptions. std::terminate then kills the process
// (Python waits for non-daemon threads at exit; C++ aborts instead).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_THREADS_UNJOINEDTHREADCHECK_H
#define CONCUR_CHECKS_THREADS_UNJOINEDTHREADCHECK_H

#include "../ConcurCheck.h"

namespace concur {

class UnjoinedThreadCheck : public ConcurCheck {
public:
  UnjoinedThreadCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  /// Report paths where an exception leaves the thread's scope.
  const bool CheckExceptionPaths;
  const bool AssumeUnknownCallsThrow;
};

} // namespace concur

#endif
