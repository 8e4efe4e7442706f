//===- TranslationUnitAnalysis.h - Run the checks on one TU ----*- C++ -*-===//
//
// Runs clang-tidy's own engine (ClangTidyContext, the check factories, NOLINT
// and .clang-tidy handling) with the concur module on one compile command,
// so the CLI's findings are exactly the plugin's. Adds what a report needs
// and clang-tidy does not give: line/column, the enclosing function and a
// fingerprint for each finding, and compiler errors as report errors.
//
// Thread-safety: each call builds its own context and compiler; calls may run
// concurrently on different threads.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_DRIVER_TRANSLATIONUNITANALYSIS_H
#define CONCUR_TOOL_DRIVER_TRANSLATIONUNITANALYSIS_H

#include "FilesReadRecorder.h"
#include "model/AnalysisStats.h"
#include "report/Report.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <optional>
#include <string>
#include <vector>

namespace concur::driver {

struct AnalysisConfig {
  clang::tidy::ClangTidyGlobalOptions Global;
  clang::tidy::ClangTidyOptions Defaults;
  clang::tidy::ClangTidyOptions Overrides;
  /// Parsed --config-file or --config; when set, .clang-tidy files are not
  /// searched.
  std::optional<clang::tidy::ClangTidyOptions> ConfigFile;
  std::vector<std::string> ExtraArgs;
};

struct TranslationUnitResult {
  std::vector<report::Finding> Findings;
  std::vector<report::InputError> Errors;
  /// Flags dropped because Clang does not know them (e.g. GCC-only).
  std::vector<std::string> DroppedFlags;
  /// The TU's summary for the cross-TU phase (none if it did not parse).
  std::vector<report::TranslationUnitSummary> Summaries;
  /// Every file the parse read, sorted by path (what a cached copy of this
  /// result depends on).
  std::vector<FileRead> FilesRead;
  /// What the analysis cost, per model analysis and per check, and the
  /// functions whose analysis was cut short (their File is this TU's main
  /// file). A result from the cache keeps only the cut-short notes.
  AnalysisStats Analysis;
  /// Wall time of the whole TU: parsing, the engine, the checks.
  double Seconds = 0;
};

/// The configuration of the run as clang-tidy computes it for a file:
/// defaults, then .clang-tidy files (or the config given on the command
/// line), then the overrides. Relative names are resolved by \p FS.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeOptionsProvider(const AnalysisConfig &Config,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS);

/// The findings of the TU's checks, system headers aside. A configured
/// HeaderFilterRegex / ExcludeHeaderFilterRegex is applied here to each
/// finding's own location, on the file name the compiler saw (as clang-tidy
/// matches it); without one
/// every header's findings are returned and the caller applies concur's
/// default (FindingFilter.h).
TranslationUnitResult analyzeTranslationUnit(const AnalysisConfig &Config,
                                             const clang::tooling::CompileCommand &Command);

} // namespace concur::driver

#endif
