//===- ResultCache.h - Per-TU results kept between runs --------*- C++ -*-===//
//
// A directory of entries (CacheEntry.h), one per TU key (CacheKey.h). An
// entry is used while every file its TU read still has the digest recorded;
// otherwise the TU is analysed again and its entry replaced, so the
// directory holds about one entry per TU and configuration.
//
// Entries are written to a temporary file of the writing process and
// renamed into place: a reader sees a whole entry or none, and two runs
// sharing the directory at once each leave a whole entry (the last rename
// wins; both are equal). A damaged or foreign entry is reported in one line
// and replaced.
//
// Thread-safe: the workers of one run share one cache. It never changes the
// process's working directory.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CACHE_RESULTCACHE_H
#define CONCUR_TOOL_CACHE_RESULTCACHE_H

#include "ContentHasher.h"
#include "driver/TranslationUnitAnalysis.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>

namespace concur::cache {

class ResultCache {
public:
  /// The cache in \p Dir (absolute), created if missing. Returns null and
  /// sets \p Problem to one line when the directory cannot be written.
  static std::unique_ptr<ResultCache> open(const std::string &Dir, std::string ToolIdentity,
                                           std::string &Problem);

  const std::string &directory() const { return Dir; }
  const std::string &toolIdentity() const { return Identity; }

  struct Lookup {
    std::optional<driver::TranslationUnitResult> Hit;
    /// Set when an entry was there but unusable (damaged, foreign): one
    /// line naming the entry and why.
    std::string Ignored;
  };
  /// The cached result of the TU of \p MainFile under \p Key, if still valid.
  Lookup lookup(const std::string &Key, const std::string &MainFile);

  /// Keeps \p R, the result of the TU of \p MainFile, under \p Key when it
  /// can be kept exactly. Returns false and sets \p Problem when writing
  /// failed.
  bool store(const std::string &Key, const std::string &MainFile,
             const driver::TranslationUnitResult &R, std::string &Problem);

private:
  ResultCache(std::string Dir, std::string Identity)
      : Dir(std::move(Dir)), Identity(std::move(Identity)) {}
  std::string entryPath(const std::string &Key) const;
  bool writeAtomically(const std::string &Path, llvm::StringRef Text, std::string &Problem);

  std::string Dir, Identity;
  ContentHasher Hasher;
  /// Names this process's temporary files apart from each other.
  std::atomic<unsigned> NextTemporary{0};
};

} // namespace concur::cache

#endif
