//===- CachedAnalysis.h - A TU's result, from the cache or anew -*- C++ -*-===//
#ifndef CONCUR_TOOL_CACHE_CACHEDANALYSIS_H
#define CONCUR_TOOL_CACHE_CACHEDANALYSIS_H

#include "ResultCache.h"
#include "driver/TranslationUnitAnalysis.h"

#include <string>

namespace concur::cache {

struct JobOutcome {
  driver::TranslationUnitResult Result;
  bool FromCache = false;
  /// One line each, for the user: an entry that was ignored, a failed write.
  std::string IgnoredEntry, StoreProblem;
};

/// The result of \p Command: the cached one when still valid, else a new
/// analysis, then kept for next time. \p Cache null: always a new analysis.
JobOutcome analyzeWithCache(ResultCache *Cache, const driver::AnalysisConfig &Config,
                            const clang::tooling::CompileCommand &Command);

} // namespace concur::cache

#endif
