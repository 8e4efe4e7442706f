//===- SourceText.h - Reading source lines after the TUs are gone -*- C++ -*-===//
//
// The cross-TU phase runs after every AST is released, so what clang-tidy
// would ask the SourceManager (the line text for a fingerprint) is read from
// the file again; NOLINT comments come with the summaries instead.
// (Defined in CrossTranslationUnit.cpp.)
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CROSSTU_SOURCETEXT_H
#define CONCUR_TOOL_CROSSTU_SOURCETEXT_H

#include "Summary.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace concur::crosstu {

/// The text of 1-based \p Line of \p File, or empty.
std::string sourceLine(const std::string &File, unsigned Line);

/// Whether a NOLINT comment that a TU of \p Summaries read (NOLINT,
/// NOLINTNEXTLINE, NOLINTBEGIN/END) suppresses \p Check at \p Line of
/// \p File.
bool suppressed(const std::vector<report::TranslationUnitSummary> &Summaries,
                const std::string &File, unsigned Line, llvm::StringRef Check);

/// Whether \p Check is in \p Enabled (a TU's enabled checks).
bool enabledIn(const std::vector<std::string> &Enabled, llvm::StringRef Check);

} // namespace concur::crosstu

#endif
