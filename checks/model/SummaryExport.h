//===- SummaryExport.h - The TU's summary for the cross-TU phase *- C++ -*-===//
//
// At the end of each TU the model can describe, per function, what it
// reaches that blocks and which functions defined elsewhere it calls (the
// summary library, summary/Summary.h). Where the summary goes is the
// caller's: the concur CLI attaches a SummarySink to the ClangTidyContext it
// analyses a TU with, and the checks hand it to the model with the rest of
// the TU's configuration (ModelOptions::Summaries). The clang-tidy plugin
// attaches none, so the plugin pays nothing and has no cross-TU phase.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_SUMMARYEXPORT_H
#define CONCUR_CHECKS_MODEL_SUMMARYEXPORT_H

#include "ConcurrencyModel.h"
#include "Locksets.h"
#include "Summary.h"

namespace clang {
class CXXMethodDecl;
class FunctionDecl;
class SourceLocation;
namespace tidy {
class ClangTidyContext;
} // namespace tidy
} // namespace clang

namespace concur {

class ConcurrencyModel;

class SummarySink {
public:
  virtual ~SummarySink();
  virtual void consume(report::TranslationUnitSummary Summary) = 0;

  /// The sink attached to \p Context, or null. The checks read it when they
  /// are made for a TU, as they read their options from the context.
  static SummarySink *attachedTo(const clang::tidy::ClangTidyContext &Context);
  /// Attaches \p Sink to \p Context until destroyed: the summaries of the
  /// TUs analysed with \p Context go to \p Sink, whatever thread runs them.
  class Attachment {
  public:
    Attachment(const clang::tidy::ClangTidyContext &Context, SummarySink &Sink);
    ~Attachment();
    Attachment(const Attachment &) = delete;
    Attachment &operator=(const Attachment &) = delete;

  private:
    const clang::tidy::ClangTidyContext &Context;
  };
};

/// The summary of the model's TU.
report::TranslationUnitSummary summarizeTranslationUnit(ConcurrencyModel &Model);

/// Facts a check decided on that the join decides on again with what only
/// the whole program shows (see report::FieldDiscipline); exported with
/// the TU's summary.
class JoinFacts : public ModelAnalysis {
public:
  explicit JoinFacts(ConcurrencyModel &) {}
  std::vector<report::FieldDiscipline> FieldDisciplines;
  /// The options of the checks the join decides for, set by each as it
  /// runs (the export matches blocking calls by the check's catalog).
  report::CheckOptionsSummary Options;
};

/// How summaries name things, for checks that hand facts to the join:
/// a lock's key (report::SummaryLock; a lock no other TU can name, such as
/// a parameter's, gets a key of its own), a function's USR (empty if it has
/// none) and a location (the expansion location, in an absolute file).
std::string summaryLockKey(ConcurrencyModel &Model, LockId Id);
std::string summaryUsr(const clang::FunctionDecl *F);
/// Adds the USRs of every method \p M overrides, directly or not.
void addOverriddenUsrs(const clang::CXXMethodDecl *M, std::vector<std::string> &Out);
void summaryLocation(ConcurrencyModel &Model, clang::SourceLocation Loc, std::string &File,
                     unsigned &Line, unsigned &Column);

} // namespace concur

#endif
