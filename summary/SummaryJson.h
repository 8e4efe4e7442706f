//===- SummaryJson.h - Summaries in the JSON report ------------*- C++ -*-===//
//
// The "summaries" of a JSON report (docs/report-schema.json): how a
// TranslationUnitSummary is written, and read back strictly (by `concur
// merge`, the result cache and the tests).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_SUMMARY_SUMMARYJSON_H
#define CONCUR_SUMMARY_SUMMARYJSON_H

#include "StrictJson.h"
#include "Summary.h"

namespace concur::report {

json::OrderedJson summaryToJson(const TranslationUnitSummary &S);
/// Throws std::runtime_error naming the first field (under \p Path) that
/// the schema does not accept.
TranslationUnitSummary summaryFromJson(const json::Json &V, const std::string &Path);

} // namespace concur::report

#endif
