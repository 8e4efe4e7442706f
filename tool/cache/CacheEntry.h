//===- CacheEntry.h - A cached TU result on disk ---------------*- C++ -*-===//
//
// One file per TU (named by its key): a few header lines, then the result
// as a concur JSON report (findings with notes, fingerprints and fixes, and
// the TU's summary), so that the format that merges shards also carries the
// cache and its strict reader rejects a damaged entry.
//
//   concur-cache-entry 1
//   key <key digest>
//   file <absolute path of the TU's main file>
//   read <digest or -> <absolute path>      (every file the TU read)
//   dropped <flag>                          (flags Clang did not know)
//   end
//   <JSON report>
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CACHE_CACHEENTRY_H
#define CONCUR_TOOL_CACHE_CACHEENTRY_H

#include "driver/TranslationUnitAnalysis.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace concur::cache {

/// \p R, the result of the TU of \p MainFile, as an entry under \p Key;
/// nullopt when it cannot be stored exactly
/// (a TU that failed, a path with a newline, bytes JSON cannot carry): a
/// cached result must read back equal to the one analysed.
std::optional<std::string> encodeEntry(llvm::StringRef Key, llvm::StringRef MainFile,
                                       const driver::TranslationUnitResult &R);

/// The header of an entry, and where its report starts.
struct EntryHeader {
  std::vector<driver::FileRead> FilesRead;
  std::vector<std::string> DroppedFlags;
  llvm::StringRef Body;
};

/// Reads the header of \p Text, expected under \p Key for \p MainFile. On
/// failure returns nullopt and sets \p Why to a short reason.
std::optional<EntryHeader> decodeEntryHeader(llvm::StringRef Text, llvm::StringRef Key,
                                             llvm::StringRef MainFile, std::string &Why);

/// The result an entry holds, its header already read. On failure returns
/// nullopt and sets \p Why to a short reason.
std::optional<driver::TranslationUnitResult> decodeEntryBody(EntryHeader Header,
                                                             std::string &Why);

} // namespace concur::cache

#endif
