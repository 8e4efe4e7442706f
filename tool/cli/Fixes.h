//===- Fixes.h - --fix and --export-fixes ----------------------*- C++ -*-===//
//
// The fix-its of the reported findings, as clang-tidy handles them: written
// as clang-tidy's YAML (MainSourceFile, Diagnostics with DiagnosticName and
// DiagnosticMessage {Message, FilePath, FileOffset, Replacements}), which
// clang-apply-replacements and editors read, or applied to the files.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CLI_FIXES_H
#define CONCUR_TOOL_CLI_FIXES_H

#include "report/Report.h"

#include <string>
#include <vector>

namespace concur::cli {

/// Writes every finding (with its fix-its, if any, and its notes) to \p Path
/// in clang-tidy's export-fixes format. Paths must be absolute. On failure
/// sets \p Error to one line.
bool exportFixes(const std::vector<report::Finding> &Findings,
                 const std::string &MainSourceFile, const std::string &Path,
                 std::string &Error);

struct FixOutcome {
  unsigned Suggested = 0; ///< findings that carry a fix-it
  unsigned Applied = 0;   ///< of those, applied (the rest conflicted)
  std::vector<std::string> Errors; ///< files that could not be rewritten
};

/// Applies the fix-its of \p Findings to the files, in report order; a
/// finding whose edits overlap one applied before is left out whole.
FixOutcome applyFixes(const std::vector<report::Finding> &Findings);

} // namespace concur::cli

#endif
