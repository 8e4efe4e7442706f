//===- FilesReadRecorder.h - Every file a TU read, with digests -*- C++ -*-===//
//
// The cache's dependency list: after the parse, every file the TU's
// SourceManager holds (main file, headers, system and builtin headers
// alike), named by its absolute path, with a digest of the bytes the parse
// saw. A cached result stays valid while every one of them is unchanged.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_DRIVER_FILESREADRECORDER_H
#define CONCUR_TOOL_DRIVER_FILESREADRECORDER_H

#include "clang/AST/ASTConsumer.h"

#include <string>
#include <vector>

namespace concur::driver {

struct FileRead {
  std::string Path;   ///< absolute, "./" removed
  /// cache::ContentHasher::digest of its bytes; empty: it could not be read.
  std::string Digest;
  bool operator==(const FileRead &) const = default;
};

class FilesReadRecorder : public clang::ASTConsumer {
public:
  explicit FilesReadRecorder(std::vector<FileRead> &Out) : Out(Out) {}
  void HandleTranslationUnit(clang::ASTContext &Ctx) override;

private:
  std::vector<FileRead> &Out;
};

} // namespace concur::driver

#endif
