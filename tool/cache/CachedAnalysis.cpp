#include "CachedAnalysis.h"

#include "CacheKey.h"

namespace concur::cache {

JobOutcome analyzeWithCache(ResultCache *Cache, const driver::AnalysisConfig &Config,
                            const clang::tooling::CompileCommand &Command) {
  JobOutcome Out;
  if (!Cache) {
    Out.Result = driver::analyzeTranslationUnit(Config, Command);
    return Out;
  }
  const std::string Key = cacheKey(Cache->toolIdentity(), Config, Command);
  ResultCache::Lookup Found = Cache->lookup(Key, Command.Filename);
  if (Found.Hit) {
    Out.Result = std::move(*Found.Hit);
    Out.FromCache = true;
    return Out;
  }
  Out.IgnoredEntry = std::move(Found.Ignored);
  Out.Result = driver::analyzeTranslationUnit(Config, Command);
  Cache->store(Key, Command.Filename, Out.Result, Out.StoreProblem);
  return Out;
}

} // namespace concur::cache
