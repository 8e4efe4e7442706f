//===- Report.h - Findings, the one format every front end emits -*- C++ -*-===//
//
// The clang plugin path, the concur CLI and the runtime detectors all describe
// a hazard as a Finding; the writers turn a Report into text (clang-tidy's
// `file:line:col: warning: ... [check]` style), JSON (docs/report-schema.json)
// or SARIF 2.1.0. This library is deliberately free of LLVM/Clang so that it
// builds fast, with RTTI and exceptions, and can be reused by the runtime's
// tests and by `concur merge`.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_REPORT_REPORT_H
#define CONCUR_TOOL_REPORT_REPORT_H

#include "Summary.h" // the summary library: summaries and CutShort

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace concur::report {

struct Location {
  std::string File; ///< as given to the compiler (absolute in CLI output)
  unsigned Line = 0;   ///< 1-based
  unsigned Column = 0; ///< 1-based, in bytes

  bool operator==(const Location &) const = default;
};

struct Note {
  std::string Message;
  Location Loc;

  bool operator==(const Note &) const = default;
};

/// One textual edit of a fix-it.
struct Replacement {
  std::string File;
  unsigned Offset = 0; ///< byte offset
  unsigned Length = 0;
  std::string Text;

  bool operator==(const Replacement &) const = default;
};

struct Finding {
  std::string Check;               ///< e.g. concur-blocking-call-in-coroutine
  std::string Severity = "warning"; ///< warning | error | note
  std::string Message;
  Location Loc;
  /// The path that explains the finding, in order: call chain hops, the
  /// conflicting access, the lock site.
  std::vector<Note> Notes;
  /// Qualified name of the function containing Loc (empty at file scope);
  /// part of the fingerprint.
  std::string Function;
  /// Stable identity across unrelated edits; see computeFingerprint().
  std::string Fingerprint;
  std::vector<Replacement> Fixes;
  /// SARIF baselineState when a baseline was given: "new" or "unchanged"
  /// (recorded in the baseline); empty otherwise. Not part of the JSON
  /// report.
  std::string BaselineState = {};
  /// Which kinds of analysis found it: "static", "tsan" (ThreadSanitizer, via
  /// `concur import-tsan`), "runtime" (the runtime detectors), in that order.
  /// Filled by `concur merge` when dynamic findings take part, and by
  /// `concur import-tsan`; empty otherwise (and then not written).
  std::vector<std::string> Evidence = {};

  bool operator==(const Finding &) const = default;
};

/// A translation unit or input that could not be analysed.
struct InputError {
  std::string File;
  std::string Message;

  bool operator==(const InputError &) const = default;
};

/// The note on \p C's TU, as text and SARIF say it.
std::string cutShortMessage(const CutShort &C);
/// The notes text and SARIF show for \p All: one per file, with the
/// functions counted by bound when there are several.
std::vector<std::pair<std::string, std::string>> cutShortNotes(const std::vector<CutShort> &All);

struct Stats {
  unsigned Files = 0;       ///< inputs attempted
  unsigned FilesFailed = 0; ///< inputs with an InputError
  /// Inputs whose results came from the cache (--cache-dir) instead of a
  /// new analysis.
  unsigned FilesCached = 0;
  double Seconds = 0;
  /// Every analysis that was cut short, by TU in input order.
  std::vector<CutShort> CutShort;

  bool operator==(const Stats &) const = default;
};

struct Report {
  std::string ToolName = "concur";
  std::string ToolVersion;
  std::vector<Finding> Findings;
  std::vector<InputError> Errors;
  Stats Stats;
  /// Per-TU summaries for the cross-TU phase (summary/Summary.h); written to
  /// JSON reports so `concur merge` can join shards. Empty in reports that
  /// are not meant for merging.
  std::vector<TranslationUnitSummary> Summaries;

  bool operator==(const Report &) const = default;
};

/// A check's description, for SARIF rules and `concur --list-checks`.
struct RuleInfo {
  std::string Id;
  std::string Summary;
  std::string HelpUri;
  /// SARIF fullDescription; the Summary is used when empty.
  std::string Description = {};
  /// SARIF defaultConfiguration.level: error | warning | note.
  std::string DefaultLevel = "warning";
  /// SARIF name: the id in PascalCase without the "concur-" prefix.
  std::string Name = {};
  /// SARIF help.text / help.markdown: the check's documentation page.
  std::string HelpText = {};
  std::string HelpMarkdown = {};
  /// SARIF properties: tags, precision (very-high | high | medium | low) and
  /// problem.severity (error | warning | recommendation).
  std::vector<std::string> Tags = {};
  std::string Precision = {};
  std::string ProblemSeverity = {};
};

/// Knobs of the SARIF writer that are not part of the report itself.
struct SarifOptions {
  /// tool.driver.informationUri. When empty, the directory of the first
  /// rule's help URI (the check documentation) stands in; with no rules it is
  /// omitted.
  std::string InformationUri = {};
  /// Absolute directory that relative paths in the report are relative to
  /// (see relativizePaths). When set, relative URIs carry uriBaseId
  /// "%SRCROOT%" and the run defines it in originalUriBaseIds.
  std::string SourceRoot = {};
  /// runs[0].automationDetails.id (GitHub: "category/run-id"); left out
  /// when empty.
  std::string AutomationId = {};
  /// Write the wall-clock time (invocation property "seconds"); off by
  /// default so that two runs give the same bytes.
  bool Timing = false;
};

/// The rules of all static checks (from checks/CheckList.def), their help
/// taken from docs/checks/<check>.md at build time. With a \p DocsBaseUri
/// (an http(s) URL of the directory holding those pages) each rule gets a
/// helpUri and the help's relative links point there; without one there is
/// no helpUri and relative links are reduced to their text.
std::vector<RuleInfo> staticRules(const std::string &DocsBaseUri);

/// The rule of a ThreadSanitizer finding imported by `concur import-tsan`
/// (\p Id is concur-tsan-<kind>); an unknown kind gets concur-tsan-other's
/// description under its own id.
RuleInfo tsanRule(const std::string &Id);

/// The documentation page of \p Check as built into concur (empty when the
/// check has none).
std::string checkDocumentation(const std::string &Check);

/// Rewrites every path of the findings and errors (locations, notes, fixes)
/// that lies under \p Root (absolute, lexically normalised) as a path
/// relative to it; paths outside stay as they are. Summaries are left alone.
void relativizePaths(Report &R, const std::string &Root);
/// One path as relativizePaths writes it.
std::string relativePath(const std::string &Path, const std::string &Root);

/// Fingerprint from the check, the enclosing function and the source line at
/// the finding with whitespace folded: line shifts do not change it; a
/// change of the flagged code does. \p Occurrence disambiguates identical
/// lines in one function (0 for the first).
std::string computeFingerprint(const Finding &F, const std::string &SourceLine,
                               unsigned Occurrence);

/// The source line as the fingerprint sees it: trimmed, each whitespace run
/// folded to one space. Count occurrences per (check, function, folded line)
/// so that lines differing only in spacing get distinct occurrences.
std::string foldSourceLine(const std::string &SourceLine);

/// Sorts findings by file, line, column, check, message; errors by file.
/// Output is then independent of the order TUs finished in.
void sortReport(Report &R);

/// Sorts like sortReport() and keeps one finding per (location, check,
/// message): a header analysed in several TUs yields the same warning once
/// per TU, possibly with different notes; the first in sort order stays.
/// Repeated identical errors go too.
/// Returns how many findings were dropped.
std::size_t removeDuplicateFindings(Report &R);

/// How text is written: plain lines (files, pipes), or for a terminal as
/// clang prints diagnostics there: in colour, each location followed by its
/// source line and a caret under the column.
struct TextOptions {
  bool Terminal = false;
};

void writeText(const Report &R, std::ostream &OS);
void writeText(const Report &R, std::ostream &OS, const TextOptions &Options);
void writeJson(const Report &R, std::ostream &OS);
void writeSarif(const Report &R, const std::vector<RuleInfo> &Rules,
                std::ostream &OS);
void writeSarif(const Report &R, const std::vector<RuleInfo> &Rules,
                std::ostream &OS, const SarifOptions &Options);

/// One finding as a single JSON line (the runtime detectors' format, see
/// $defs/finding in docs/report-schema.json), newline-terminated.
void writeFindingJsonLine(const Finding &F, std::ostream &OS);

/// Parses a report written by writeJson (for merge and baselines). Throws
/// std::runtime_error with a one-line reason on malformed input.
Report readJson(std::istream &IS);
/// The same from the whole text of a report (parsed in place, no copy).
Report readJson(std::string_view Text);

/// Parses one finding object, e.g. one line of a runtime report. Throws
/// std::runtime_error with a one-line reason on malformed input.
Finding readFindingJson(const std::string &Text);

} // namespace concur::report

#endif
