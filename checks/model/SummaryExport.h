//===- SummaryExport.h - The TU's summary for the cross-TU phase *- C++ -*-===//
//
// At the end of each TU the model can describe, per function, what it
// reaches that blocks and which functions defined elsewhere it calls (see
// tool/report/Summary.h). The concur CLI installs a SummarySink on the thread
// that analyses a TU; the clang-tidy plugin installs none, so the plugin
// pays nothing and has no cross-TU phase.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_SUMMARYEXPORT_H
#define CONCUR_CHECKS_MODEL_SUMMARYEXPORT_H

#include "ConcurrencyModel.h"
#include "Locksets.h"
#include "report/Summary.h"

namespace clang {
class FunctionDecl;
class SourceLocation;
} // namespace clang

namespace concur {

class ConcurrencyModel;

class SummarySink {
public:
  virtual ~SummarySink();
  virtual void consume(report::TranslationUnitSummary Summary) = 0;

  /// The sink of the calling thread, or null.
  static SummarySink *current();
  /// Installs \p Sink for the calling thread until destroyed.
  class Scope {
  public:
    explicit Scope(SummarySink &Sink);
    ~Scope();

  private:
    SummarySink *Previous;
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
void summaryLocation(ConcurrencyModel &Model, clang::SourceLocation Loc, std::string &File,
                     unsigned &Line, unsigned &Column);

} // namespace concur

#endif
