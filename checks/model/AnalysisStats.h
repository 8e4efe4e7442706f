//===- AnalysisStats.h - What the analysis of one TU cost ------*- C++ -*-===//
//
// The concur CLI's --time-report and its report's stats read, per TU, the
// wall time of each model analysis and each check, and every analysis that
// hit a bound on its work and stopped short (its results for that function
// may be incomplete, so the report says so instead of staying silent).
//
// The CLI installs one AnalysisStats on the worker thread that analyses a
// TU (AnalysisStats::Scope) and merges the per-TU copies on its own thread
// once the workers are done: nothing here is shared between threads. Without
// one installed (the clang-tidy plugin) every timer and note is a no-op that
// costs one thread-local load.
//
//===----------------------------------------------------------------------===//
#ifndef CONCUR_CHECKS_MODEL_ANALYSISSTATS_H
#define CONCUR_CHECKS_MODEL_ANALYSISSTATS_H

#include "Summary.h" // report::CutShort

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace clang {
class CFG;
class FunctionDecl;
} // namespace clang

namespace concur {

class AnalysisStats {
public:
  enum class Section { Analysis, Check };

  /// Seconds of work per analysis and per check, each exclusive of the
  /// timed work it started (an analysis built on a check's first question
  /// counts to the analysis, not the check).
  std::map<std::string, double> AnalysisSeconds, CheckSeconds;
  /// Functions whose analysis stopped at a bound (File left empty: the
  /// caller knows the TU).
  std::vector<report::CutShort> CutShort;

  /// The recorder of the TU this thread is analysing, or null.
  static AnalysisStats *current();

  /// Installs \p Stats for this thread until the scope ends.
  class Scope {
  public:
    explicit Scope(AnalysisStats &Stats);
    ~Scope();
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

  private:
    AnalysisStats *Previous;
  };

  /// Times its own lifetime as \p Name (a string that outlives the timer)
  /// in \p Where of the current recorder; nothing when there is none.
  class Timer {
  public:
    Timer(Section Where, llvm::StringRef Name);
    ~Timer();
    Timer(const Timer &) = delete;
    Timer &operator=(const Timer &) = delete;

  private:
    AnalysisStats *Stats;
  };

  /// Records that \p Analysis of \p F stopped at \p Limit (both in
  /// words). Each (function, analysis) is noted once per TU.
  static void noteCutShort(const clang::FunctionDecl &F, llvm::StringRef Analysis,
                           llvm::StringRef Limit);
  /// The same for the function \p G is the CFG of (\p G from
  /// ConcurrencyModel::cfg(), which registers whose it is), by the
  /// innermost timed analysis or check: the dataflow solver, shared by
  /// several analyses, knows neither.
  static void noteCutShort(const clang::CFG &G, llvm::StringRef Limit);
  /// Registers \p F as the function \p G was built for.
  static void noteCFGOwner(const clang::CFG &G, const clang::FunctionDecl &F);

  /// Adds \p Other's seconds and cut-short analyses to these.
  void merge(const AnalysisStats &Other);

private:
  using Clock = std::chrono::steady_clock;
  struct Frame {
    Section Where;
    llvm::StringRef Name;
    Clock::time_point Start;
    double NestedSeconds = 0;
  };
  std::vector<Frame> Running;
  /// (function name, analysis) pairs already in CutShort.
  std::set<std::pair<std::string, std::string>> Noted;
  llvm::DenseMap<const clang::CFG *, const clang::FunctionDecl *> CFGOwners;
};

} // namespace concur

#endif
