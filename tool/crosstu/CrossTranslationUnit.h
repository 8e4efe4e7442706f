//===- CrossTranslationUnit.h - Findings no single TU can see --*- C++ -*-===//
//
// Joins the per-TU summaries (report/Summary.h) of a whole run, or of merged
// shards, by USR and by stable lock name, and reports hazards whose path
// crosses files, in the same words as the in-TU checks, with notes in each
// file the path visits:
//  - concur-blocking-call-in-coroutine: a coroutine calls a function defined
//    in another TU which, possibly through further TUs, reaches a blocking
//    call (BlockingAcrossUnits.cpp);
//  - concur-lock-order-inversion: a lock-order cycle whose edges no single
//    TU has all of: edges of different TUs, or an edge made by a call,
//    under a lock, of a function in another TU that takes a second lock
//    (LockOrderAcrossUnits.cpp);
//  - concur-unguarded-shared-state: threads one TU starts that touch a
//    global in code of other TUs, one writing, with no common lock
//    (RacesAcrossUnits.cpp).
// It also takes back what only the whole program refutes:
//  - concur-inconsistent-locking: a field's discipline decided again with
//    the locks every caller holds, in every file (DisciplineAcrossUnits.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CROSSTU_CROSSTRANSLATIONUNIT_H
#define CONCUR_TOOL_CROSSTU_CROSSTRANSLATIONUNIT_H

#include "report/Report.h"

#include <vector>

namespace concur::crosstu {

/// Findings from the joined summaries, decided and worded by the checks'
/// own rules (checks/rules/) under the options of the TU each is reported
/// for; the NOLINT ranges the TUs read are honoured as clang-tidy would,
/// and each TU's enabled checks decide what is reported at its locations.
std::vector<report::Finding>
crossTranslationUnitFindings(const std::vector<report::TranslationUnitSummary> &Summaries);

/// Removes from \p Findings (per-TU findings, absolute paths) those the
/// joined summaries refute.
void withdrawRefuted(std::vector<report::Finding> &Findings,
                     const std::vector<report::TranslationUnitSummary> &Summaries);

// The parts, for the entry point above.
std::vector<report::Finding>
blockingAcrossUnits(const std::vector<report::TranslationUnitSummary> &Summaries);
std::vector<report::Finding>
lockOrderAcrossUnits(const std::vector<report::TranslationUnitSummary> &Summaries);
std::vector<report::Finding>
racesAcrossUnits(const std::vector<report::TranslationUnitSummary> &Summaries);

} // namespace concur::crosstu

#endif
