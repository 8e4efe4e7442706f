//===- ForkInThreadedProgramCheck.h ----------------------------*- C++ -*-===//
//
// concur-fork-in-threaded-program: fork() in a program that may be running
// other threads, whose child does not exec or _exit at once. The child has a
// copy of every lock but only the forking thread: a lock another thread held
// (malloc's, stdio's, a logger's) is never released in the child. Python's
// multiprocessing warns about the same thing for its "fork" start method.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_PROCESSES_FORKINTHREADEDPROGRAMCHECK_H
#define CONCUR_CHECKS_PROCESSES_FORKINTHREADEDPROGRAMCHECK_H

#include "../ConcurCheck.h"

#include "llvm/ADT/StringSet.h"

namespace concur {

class ForkInThreadedProgramCheck : public ConcurCheck {
public:
  ForkInThreadedProgramCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  void analyze(ConcurrencyModel &Model) override;

private:
  /// Extra functions that fork (`;`-separated), added to the defaults.
  const std::string ForkFunctions;
  llvm::StringSet<> ForkNames;
};

} // namespace concur

#endif
