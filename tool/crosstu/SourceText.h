//===- SourceText.h - Reading source lines after the TUs are gone -*- C++ -*-===//
//
// The cross-TU phase runs after every AST is released, so what clang-tidy
// would ask the SourceManager (the line text for a fingerprint, a NOLINT
// comment) is read from the file again. (Defined in CrossTranslationUnit.cpp.)
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CROSSTU_SOURCETEXT_H
#define CONCUR_TOOL_CROSSTU_SOURCETEXT_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace concur::crosstu {

/// The text of 1-based \p Line of \p File, or empty.
std::string sourceLine(const std::string &File, unsigned Line);

/// Whether a NOLINT / NOLINTNEXTLINE comment suppresses \p Check at
/// \p Line of \p File.
bool suppressed(const std::string &File, unsigned Line, llvm::StringRef Check);

/// Whether \p Check is in \p Enabled (a TU's enabled checks).
bool enabledIn(const std::vector<std::string> &Enabled, llvm::StringRef Check);

} // namespace concur::crosstu

#endif
