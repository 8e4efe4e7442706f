//===- ConcurCheck.h - Base class of every concur check --------*- C++ -*-===//
//
// concur checks do not match AST patterns one node at a time; they query the
// shared per-TU model (model/ConcurrencyModel.h). This base class runs a
// check's analyze() once per TU and releases the model when the TU ends.
// Subclasses read options in their constructor and store them in
// storeOptions(), as every clang-tidy check does.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_CONCURCHECK_H
#define CONCUR_CHECKS_CONCURCHECK_H

#include "model/ConcurrencyModel.h"
#include "model/Locksets.h"

#include "clang-tidy/ClangTidyCheck.h"

namespace concur {

class ConcurCheck : public clang::tidy::ClangTidyCheck {
public:
  ConcurCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context);

  /// C and C++ (pthreads, C11 threads); not Objective-C.
  bool isLanguageVersionSupported(const clang::LangOptions &LO) const override {
    return !LO.ObjC;
  }
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) final;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result) final;
  void onEndOfTranslationUnit() final;
  /// Stores the model's (global) options; subclasses call this first.
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

protected:
  /// Runs once per TU with the TU's shared model.
  virtual void analyze(ConcurrencyModel &Model) = 0;
  /// The parts of the TU's summary this check's cross-TU phase needs
  /// (ConcurrencyModel::SummaryPart); none by default.
  virtual unsigned summaryParts() const { return 0; }
  /// One "'f' calls 'g' here" note per hop of \p Hops, starting from \p From
  /// (the function that makes the first call): the path a finding's notes
  /// walk through, worded the same by every check.
  void notePath(const clang::FunctionDecl *From, llvm::ArrayRef<const CallSite *> Hops);

private:
  clang::ASTContext *Ctx = nullptr;
  ModelOptions ModelOpts;
  std::string CheckName;
};

/// A lock as check messages name it: the mutex, not a local variable that
/// only leads to it. A pointer, smart pointer or iterator `up` whose
/// pointee is locked is written '*up'; others as LockId::name().
std::string lockName(const LockId &Id);
/// Each lock of \p Set named by lockName().
std::vector<std::string> lockNames(const Lockset &Set);
/// "'a'", "'a' and 'b'", "'a', 'b' and 'c'", each named by lockName().
std::string lockList(const Lockset &Set);

} // namespace concur

#endif
