//===- Import.h - Dynamic findings into concur reports -----------*- C++ -*-===//
//
// `concur import-tsan` turns ThreadSanitizer logs into a concur report;
// `concur merge` reads static reports, imported TSan reports and the runtime
// detectors' JSON lines, and shows a hazard that a static check and a
// dynamic run both found once, with both kinds of evidence.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_IMPORT_IMPORT_H
#define CONCUR_TOOL_IMPORT_IMPORT_H

#include "report/Report.h"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace concur::import {

/// Where the one-line messages of an import go ("concur: warning: ...").
struct Diagnostics {
  std::ostream &OS;
  bool Quiet = false; ///< notes are left out; warnings and errors are not
};

/// Reads each ThreadSanitizer log and turns its reports into findings
/// (concur-tsan-<kind>) located at the first stack frame under \p
/// SourceRoot, with the other stacks as notes. A report that several logs
/// (or one log) repeat is kept once. A log that cannot be read becomes an
/// entry of `errors`; a report cut off or malformed is a warning, and the
/// rest of the log is still imported.
report::Report importTsanLogs(const std::vector<std::string> &Logs,
                              const std::string &SourceRoot, Diagnostics Diag);

/// Reads one input of `concur merge`: a concur JSON report (static, a shard,
/// or written by import-tsan) or a runtime detector's JSON-lines file. On
/// failure sets \p Error to one line naming the file and the cause; a bad
/// line of a JSON-lines file is only a warning.
std::optional<report::Report> readMergeInput(const std::string &Path, Diagnostics Diag,
                                             std::string &Error);

/// "static", "tsan" or "runtime": what kind of analysis reports \p Check.
std::string evidenceKind(const std::string &Check);

/// When \p R holds dynamic findings (TSan or runtime): every finding gets its
/// `evidence`, and a dynamic finding that agrees with a static one (same
/// hazard family; same line, or the same pair of lines) is folded into it:
/// the static finding stays, its evidence lists both, and a note says what
/// the run saw. Without dynamic findings \p R is left as it is.
void combineEvidence(report::Report &R);

} // namespace concur::import

#endif
