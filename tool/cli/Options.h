//===- Options.h - The concur command line ---------------------*- C++ -*-===//
#ifndef CONCUR_TOOL_CLI_OPTIONS_H
#define CONCUR_TOOL_CLI_OPTIONS_H

#include <optional>
#include <string>
#include <vector>

namespace concur::cli {

enum class Format { Text, Json, Sarif };

/// --color: clang-style terminal output (colours, the source line and a
/// caret) always, never, or when stdout is a terminal.
enum class ColorMode { Auto, Always, Never };

struct Output {
  std::string Path;
  Format Fmt;
};

struct Options {
  std::string BuildPath;            ///< -p: directory or compile_commands.json
  std::vector<std::string> Files;   ///< inputs; empty = every file in the DB
  /// `concur FILE... -- FLAGS`: the compile flags for every input, as
  /// clang-tidy takes them (no compile database is read then).
  std::optional<std::vector<std::string>> CompileFlags;
  std::optional<std::string> Checks; ///< --checks, added after .clang-tidy's
  std::string ConfigFile;           ///< --config-file
  /// --config: the configuration itself, YAML or JSON, as clang-tidy takes
  /// it (.clang-tidy files are then not read).
  std::string InlineConfig;
  /// PR mode: --diff FILE ("-": stdin), a unified diff, or --changed-since
  /// REV (`git diff REV` in the source root). Only findings on changed
  /// lines are reported.
  std::string DiffFile;
  std::string ChangedSince;
  /// clang-tidy's filters, applied to each finding's own location. Unset:
  /// the .clang-tidy value (HeaderFilterRegex, ExcludeHeaderFilterRegex),
  /// else concur's default (headers under the source root).
  std::optional<std::string> HeaderFilter;
  std::optional<std::string> ExcludeHeaderFilter;
  /// --exclude GLOB (repeatable): inputs and findings under these paths.
  std::vector<std::string> Excludes;
  /// --warnings-as-errors GLOBS, added to .clang-tidy's WarningsAsErrors.
  std::optional<std::string> WarningsAsErrors;
  bool Fix = false;         ///< --fix: apply the findings' fix-its
  std::string ExportFixes;  ///< --export-fixes FILE (clang-tidy's YAML)
  ColorMode Color = ColorMode::Auto;
  Format StdoutFormat = Format::Text;
  bool FormatGiven = false;
  std::vector<Output> Outputs;      ///< -o FILE (repeatable)
  unsigned Jobs = 0;                ///< 0 = hardware concurrency
  bool Quiet = false;
  bool Progress = true;             ///< only shown on a terminal anyway
  bool ListChecks = false;
  bool Help = false;
  bool Version = false;
  std::vector<std::string> ExtraArgs; ///< --extra-arg
  /// --shard K/N: analyse only the K-th of N deterministic slices of the
  /// inputs (1-based), for splitting a project across CI machines.
  unsigned ShardIndex = 0, ShardCount = 0;
  std::string Baseline;      ///< --baseline: hide findings recorded there
  std::string WriteBaseline; ///< --write-baseline: record current findings
  /// `concur merge REPORT.json...`: combine shard reports; Files are the
  /// reports.
  bool Merge = false;
  /// `concur import-tsan LOG...`: ThreadSanitizer logs into a report; Files
  /// are the logs.
  bool ImportTsan = false;
  /// --source-root: JSON and SARIF paths are relative to it. Empty: the git
  /// top level above the first input, else the working directory.
  std::string SourceRoot;
  /// --docs-url: http(s) base URL of the check pages, for SARIF helpUri.
  std::string DocsUrl;
  /// --automation-id: SARIF runs[0].automationDetails.id.
  std::string AutomationId = "concur/";
  /// --stats: wall-clock time in the SARIF log too, and a line on stderr
  /// counting the files analysed and those taken from the cache.
  bool Stats = false;
  /// --time-report: after the run, on stderr, where the time went: per
  /// model analysis and per check (summed over the TUs), parsing against
  /// analysis, and the slowest TUs.
  bool TimeReport = false;
  /// --time-report=FILE: the same as JSON into FILE instead of stderr.
  std::string TimeReportFile;
  /// --cache-dir: where per-TU results are kept between runs. Empty: in
  /// the build directory of -p (<dir>/.concur-cache), none without -p.
  std::string CacheDir;
  bool NoCache = false; ///< --no-cache: analyse everything, keep nothing
};

/// Parses argv. On a usage error returns nullopt and sets \p Error to one
/// line naming the offending argument and why.
std::optional<Options> parseOptions(int Argc, const char *const *Argv,
                                    std::string &Error);

std::string usageText();

} // namespace concur::cli

#endif
