//===- NoLint.h - NOLINT comments as line ranges ----------------*- C++ -*-===//
//
// clang-tidy silences a check at a line with NOLINT (that line),
// NOLINTNEXTLINE (the next) and NOLINTBEGIN ... NOLINTEND (the lines
// between, the two comments naming the same checks), each optionally
// followed by a list of check globs in parentheses. The per-TU checks get
// this from clang-tidy itself; the cross-TU join runs after the sources are
// gone, so each TU's summary carries the ranges (report::NoLintRange), read
// here from its files' text by clang-tidy's rules, and the join asks them.
//
// Clang-free, like the summaries.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_RULES_NOLINT_H
#define CONCUR_CHECKS_RULES_NOLINT_H

#include "Summary.h"

#include "llvm/ADT/StringRef.h"

namespace concur::rules {

/// The ranges the NOLINT comments of \p Text (the contents of \p File)
/// silence; an unmatched NOLINTBEGIN or NOLINTEND silences nothing.
std::vector<report::NoLintRange> noLintRanges(llvm::StringRef Text, const std::string &File);

/// Whether one of \p Ranges silences \p Check at \p Line of \p File.
bool silenced(const std::vector<report::NoLintRange> &Ranges, const std::string &File,
              unsigned Line, llvm::StringRef Check);

} // namespace concur::rules

#endif
