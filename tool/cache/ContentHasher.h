//===- ContentHasher.h - Digests of file contents, memoised ----*- C++ -*-===//
//
// A cache lookup re-reads every file the TU read; the TUs of a project share
// most of their headers, so each file is read and hashed once per run. The
// digest is xxh3-128 of the bytes: not cryptographic (the cache is the
// user's own), but with 128 bits an accidental collision is out of reach.
//
// Thread-safe: the workers of one run share one hasher.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CACHE_CONTENTHASHER_H
#define CONCUR_TOOL_CACHE_CONTENTHASHER_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <mutex>
#include <string>

namespace concur::cache {

class ContentHasher {
public:
  /// 32 lowercase hex digits.
  static std::string digest(llvm::StringRef Bytes);

  /// The digest of the file at \p Path (absolute) as it is now; empty when
  /// it cannot be read. The first answer for a path is kept for the run.
  std::string digestOfFile(llvm::StringRef Path);

private:
  std::mutex Mutex;
  llvm::StringMap<std::string> Known;
};

} // namespace concur::cache

#endif
