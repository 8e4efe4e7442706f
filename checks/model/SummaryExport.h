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

#include "report/Summary.h"

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

} // namespace concur

#endif
