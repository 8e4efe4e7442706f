//===- CacheKey.h - What a TU's cached result is keyed on ------*- C++ -*-===//
//
// Everything that decides a TU's findings and summary besides the contents
// of the files it reads (those are checked per entry, see ResultCache.h):
// which concur and Clang built it, the checks and their options as they
// apply to the file (.clang-tidy, --config, --checks ... merged), the
// --extra-args, and the whole compile command.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CACHE_CACHEKEY_H
#define CONCUR_TOOL_CACHE_CACHEKEY_H

#include "driver/TranslationUnitAnalysis.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <string>

namespace concur::cache {

/// concur's version, Clang's, and a digest of the running executable: a
/// rebuilt concur (a changed check, same version number) must not reuse
/// results of the old one. \p Argv0 helps find the executable.
std::string toolIdentity(const char *Argv0);

/// The key of \p Command's result under \p Config, as a digest (32 hex
/// digits): the name of its cache entry.
std::string cacheKey(const std::string &ToolIdentity, const driver::AnalysisConfig &Config,
                     const clang::tooling::CompileCommand &Command);

} // namespace concur::cache

#endif
