//===- Options.h - The concur command line ---------------------*- C++ -*-===//
#ifndef CONCUR_TOOL_CLI_OPTIONS_H
#define CONCUR_TOOL_CLI_OPTIONS_H

#include <optional>
#include <string>
#include <vector>

namespace concur::cli {

enum class Format { Text, Json, Sarif };

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
  /// --stats: wall-clock time in the SARIF log too.
  bool Stats = false;
};

/// Parses argv. On a usage error returns nullopt and sets \p Error to one
/// line naming the offending argument and why.
std::optional<Options> parseOptions(int Argc, const char *const *Argv,
                                    std::string &Error);

std::string usageText();

} // namespace concur::cli

#endif
