//===- RepeatedFunctions.h - A header's functions summarised once -*- C++ -*-===//
//
// An inline or template function of a header is summarised by every TU
// that includes it, and mostly alike: on rocksdb's 325 TUs, 84% of the
// function summaries and 92% of the calling-function records repeat one
// of an earlier TU's, byte for byte (434 MB of summaries; a shard holds
// them all until it writes them, and the join reads them all back).
//
// The joins read one summary per function: the first TU's (Definitions,
// CallerLocks), or every TU's but keep the first of equal results (lock
// order edges, blocking paths). So a later TU's copy that is equal to an
// earlier TU's changes nothing, provided both TUs ran the same checks with
// the same options (a check's options and whether it runs are per TU:
// which TU holds a fact can decide whether its finding is reported).
// Copies that differ (a function whose only threads in one TU are the
// main thread's, a call that is external in one TU and defined in
// another) are all kept.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_SUMMARY_REPEATEDFUNCTIONS_H
#define CONCUR_SUMMARY_REPEATEDFUNCTIONS_H

#include "Summary.h"

#include <vector>

namespace concur::report {

/// Drops, from each TU of \p Summaries after the first, the function
/// summaries and calling-function records equal to one an earlier TU with
/// the same enabled checks and options holds. Returns how many it dropped.
size_t dropRepeatedFunctions(std::vector<TranslationUnitSummary> &Summaries);

} // namespace concur::report

#endif
