//===- TimeReport.h - Where a run's time went (--time-report) --*- C++ -*-===//
//
// After the workers are done, the per-TU timers (driver::TranslationUnitResult
// ::Analysis, recorded by each worker in its own copy) are summed here, on
// the main thread: per model analysis, per check, the compiler's share of
// each TU (parsing and semantic analysis, which the analyses cannot run
// without) and the slowest TUs, as clang-tidy's --enable-check-profile
// tabulates its checks.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_TOOL_CLI_TIMEREPORT_H
#define CONCUR_TOOL_CLI_TIMEREPORT_H

#include "cache/CachedAnalysis.h"
#include "driver/Inputs.h"

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace concur::cli {

struct TimeReport {
  /// One analysed TU's wall time, split.
  struct FileTime {
    std::string File;
    double Total = 0, Analyses = 0, Checks = 0;
    /// Parsing, semantic analysis, the clang-tidy engine: what is not concur's.
    double compiler() const;
  };

  /// Every analysed TU, slowest first; FromCache counts the others.
  std::vector<FileTime> Files;
  size_t FromCache = 0;
  FileTime All; ///< the sums over Files
  std::map<std::string, double> AnalysisSeconds, CheckSeconds;
  double JoinSeconds = 0, RunSeconds = 0;

  /// The report of \p Outcomes (one per job of \p Jobs, in order);
  /// \p JoinSeconds is the cross-TU phase, \p RunSeconds the whole run.
  static TimeReport collect(const std::vector<cache::JobOutcome> &Outcomes,
                            const std::vector<driver::Job> &Jobs, double JoinSeconds,
                            double RunSeconds);
  /// Tables for people: sums, then each section largest first, then the
  /// ten slowest files.
  void printText(std::ostream &OS) const;
  /// The same as JSON, every file included (paths under \p SourceRoot
  /// relative to it), into \p Path; false with \p Error set if it fails.
  bool writeJson(const std::string &Path, const std::string &SourceRoot,
                 std::string &Error) const;
};

} // namespace concur::cli

#endif
