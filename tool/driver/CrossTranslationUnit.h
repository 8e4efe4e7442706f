//===- CrossTranslationUnit.h - Findings no single TU can see --*- C++ -*-===//
//
// Joins the per-TU summaries (report/Summary.h) of a whole run, or of merged
// shards, by USR, and reports hazards whose path crosses files. Today: a
// coroutine that calls a function defined in another TU which, possibly
// through further TUs, reaches a blocking call
// (concur-blocking-call-in-coroutine), reported in the same words as the
// in-TU check with one note per hop, each in its own file.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_DRIVER_CROSSTRANSLATIONUNIT_H
#define CONCUR_TOOL_DRIVER_CROSSTRANSLATIONUNIT_H

#include "report/Report.h"

#include <vector>

namespace concur::driver {

/// Findings from the joined summaries; NOLINT comments at the reported line
/// are honoured as clang-tidy would.
std::vector<report::Finding>
crossTranslationUnitFindings(const std::vector<report::TranslationUnitSummary> &Summaries);

} // namespace concur::driver

#endif
