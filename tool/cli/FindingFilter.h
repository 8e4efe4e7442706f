//===- FindingFilter.h - Which findings a run shows ------------*- C++ -*-===//
//
// clang-tidy's filters, applied by concur to every finding after the
// analysis, so that the findings of the TUs and those of the cross-TU phase
// are judged alike, on the paths concur reports:
//
// - HeaderFilterRegex / ExcludeHeaderFilterRegex (--header-filter,
//   --exclude-header-filter, or the .clang-tidy configuration), applied to
//   the finding's own location. A TU's findings were filtered by the driver
//   on the file name as the compiler saw it, the name clang-tidy matches
//   (relative to the build directory when the include path is relative).
//   Cross-TU findings, which no compiler saw, are matched here against the
//   absolute path. Findings in the files
//   analysed as translation units are always shown. With no
//   HeaderFilterRegex anywhere, findings in headers under the source root
//   are shown and those outside it (third-party and system headers) are not.
// - WarningsAsErrors (--warnings-as-errors, added to the configuration's):
//   findings of matching checks become errors.
// - --exclude GLOB: vendored trees. Their files are still analysed (their
//   summaries feed the cross-TU phase) but no finding located in them, and
//   no error of theirs, is shown.
//
// The configuration is the one clang-tidy would use for the TU that
// produced a finding (its main file); a cross-TU finding, which no single
// TU produced, takes the configuration of its own file.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CLI_FINDINGFILTER_H
#define CONCUR_TOOL_CLI_FINDINGFILTER_H

#include "driver/TranslationUnitAnalysis.h"
#include "report/Report.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/Regex.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace concur::cli {

/// --exclude patterns. A path is excluded when a pattern matches it, or one
/// of the directories it lies in, written relative to the source root (for
/// paths under it) or absolute.
class ExcludeGlobs {
public:
  /// Parses the patterns; on a bad one returns nullopt with \p Error set.
  static std::optional<ExcludeGlobs> create(const std::vector<std::string> &Patterns,
                                            std::string SourceRoot, std::string &Error);
  bool empty() const { return Globs.empty(); }
  bool excludes(llvm::StringRef Path) const;

private:
  std::vector<llvm::GlobPattern> Globs;
  std::string SourceRoot;
};

class FindingFilter {
public:
  /// \p MainFiles: the files analysed as translation units (absolute).
  FindingFilter(const driver::AnalysisConfig &Config, std::string SourceRoot,
                std::set<std::string> MainFiles, ExcludeGlobs Excludes);
  ~FindingFilter();

  /// Drops the findings not to show and marks as errors those
  /// WarningsAsErrors names, with the configuration for \p ConfigFile (a
  /// TU's main file), or when empty for each finding's own file. Returns
  /// false with \p Error set when that configuration holds a bad regular
  /// expression.
  bool apply(std::vector<report::Finding> &Findings, const std::string &ConfigFile,
             std::string &Error);
  /// Whether --exclude covers \p Path.
  bool excluded(llvm::StringRef Path) const { return Excludes.excludes(Path); }

private:
  struct Policy;
  const Policy *policyFor(const std::string &File, std::string &Error);
  bool shown(const report::Finding &F, const Policy &P, bool FilteredByDriver) const;

  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Provider;
  std::string SourceRoot;
  std::set<std::string> MainFiles;
  ExcludeGlobs Excludes;
  /// Policies by their settings, and which one each file uses.
  std::map<std::string, std::unique_ptr<Policy>> Policies;
  std::map<std::string, const Policy *> ByFile;
};

/// Checks a regular expression given on the command line; on error sets
/// \p Error to one line naming \p Flag.
bool validRegex(const std::string &Pattern, llvm::StringRef Flag, std::string &Error);

} // namespace concur::cli

#endif
