//===- BlockingInCoroutine.h - concur-blocking-call-in-coroutine's decision -*- C++ -*-===//
//
// Which blocking calls a coroutine's paths lead to are reported, and in
// which words, decided from plain facts (a path's names and the catalog
// entry it ends at) so that the per-TU check, which finds the paths in its
// TU, and the cross-TU join, which follows them through other TUs'
// summaries, report alike under the same options (report::BlockingOptions).
// The catalog itself (BlockingFunctions, AllowedFunctions) matches calls
// where they are made: in the check, and in each TU's summary export.
//
// Clang-free, like the summaries.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_RULES_BLOCKINGINCOROUTINE_H
#define CONCUR_CHECKS_RULES_BLOCKINGINCOROUTINE_H

#include "Summary.h"

#include <optional>

namespace concur::rules {

/// Whether a catalogued blocking call counts as one: a lock acquisition
/// only with ReportLockAcquisition (a short critical section is tolerated,
/// as Tokio and clippy tolerate a std::sync::Mutex in async code; holding
/// it across a suspension point is concur-lock-across-suspension's
/// business).
bool countsAsBlocking(bool LockAcquisition, const report::BlockingOptions &Options);

/// A path from a coroutine's body to a blocking call.
struct BlockingPathFacts {
  std::string Coroutine;            ///< the coroutine's name
  std::vector<std::string> Callees; ///< what each call of the path calls, the coroutine's first
  std::string Blocker;              ///< the blocking function, as the catalog names it
  std::string Category, Alternative; ///< of the catalog entry
};

struct BlockingFinding {
  std::string Message;            ///< at the path's first call
  std::vector<std::string> Notes; ///< one at each later call: the hops, then where it blocks
};

/// The finding for \p Path; none when it is more than MaxCallDepth calls
/// long.
std::optional<BlockingFinding> blockingInCoroutine(const BlockingPathFacts &Path,
                                                   const report::BlockingOptions &Options);

} // namespace concur::rules

#endif
