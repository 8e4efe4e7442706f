//===- main.cpp - The concur command-line tool --------------------------===//
//
// concur [options] [files...]: runs the concur checks over a compile
// database in parallel and writes text, JSON or SARIF. Exit status: 0 clean,
// 1 findings, 2 usage or input error.
//
//===----------------------------------------------------------------------===//
#include "ChangedLines.h"
#include "FindingFilter.h"
#include "Fixes.h"
#include "Options.h"
#include "TimeReport.h"
#include "cache/CacheKey.h"
#include "cache/CachedAnalysis.h"
#include "crosstu/CrossTranslationUnit.h"
#include "driver/Inputs.h"
#include "driver/TranslationUnitAnalysis.h"
#include "import/Import.h"
#include "report/Report.h"
#include "RepeatedFunctions.h"

#include "clang/Tooling/CompilationDatabase.h"

#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <set>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <numeric>
#include <sstream>
#include <thread>
#include <unistd.h>

// Keeps the concur module (and its registry entry) linked in.
extern volatile int ConcurModuleAnchorSource;
static int ConcurModuleAnchorDestination [[maybe_unused]] = ConcurModuleAnchorSource;

using namespace concur;

namespace {

constexpr int ExitClean = 0, ExitFindings = 1, ExitError = 2;

int fail(const std::string &Message) {
  std::cerr << "concur: error: " << Message << "\n";
  return ExitError;
}

/// The default source root: the nearest directory at or above \p Start
/// holding `.git` (a directory, or a file in a worktree or submodule), else
/// the working directory. A file-system walk, not `git rev-parse`: concur
/// must not depend on git being installed.
std::string findSourceRoot(const std::string &Start) {
  llvm::SmallString<256> Dir(Start);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  if (!llvm::sys::fs::is_directory(Dir))
    llvm::sys::path::remove_filename(Dir);
  while (!Dir.empty()) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return std::string(Dir);
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  return std::string(Cwd);
}

/// Every positive entry of a --checks list must name at least one check:
/// a typo would otherwise silently disable the analysis in CI.
std::optional<std::string> unknownCheck(const std::string &Globs,
                                        const std::vector<report::RuleInfo> &Rules) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  llvm::StringRef(Globs).split(Parts, ',', -1, false);
  for (llvm::StringRef Part : Parts) {
    Part = Part.trim();
    if (Part.empty() || Part.starts_with("-") || Part.starts_with("clang-diagnostic-") ||
        Part == "*")
      continue;
    auto Pattern = llvm::GlobPattern::create(Part);
    if (!Pattern) {
      llvm::consumeError(Pattern.takeError());
      return Part.str();
    }
    bool Any = false;
    for (const report::RuleInfo &R : Rules)
      Any |= Pattern->match(R.Id);
    if (!Any)
      return Part.str();
  }
  return std::nullopt;
}

/// The report in its three renderings: text shows the paths the compiler
/// saw (editors open them from here); JSON and SARIF are read elsewhere,
/// so their paths are relative to the source root. Findings the baseline
/// records are left out, except in SARIF, which marks them "unchanged".
struct Renderings {
  report::Report Text, Portable, Sarif;
  report::SarifOptions SarifOpts;
  const std::vector<report::RuleInfo> *Rules = nullptr;

  /// \p Terminal: text as clang shows it on a terminal (colour, source
  /// lines, carets).
  void write(cli::Format F, std::ostream &OS, bool Terminal = false) const {
    switch (F) {
    case cli::Format::Text: report::writeText(Text, OS, {Terminal}); break;
    case cli::Format::Json: report::writeJson(Portable, OS); break;
    case cli::Format::Sarif: report::writeSarif(Sarif, *Rules, OS, SarifOpts); break;
    }
  }
};

/// Reads a JSON report written by concur; on failure sets \p Error to one
/// line naming the file and the cause.
std::optional<report::Report> readReportFile(const std::string &Path, const std::string &What,
                                             std::string &Error) {
  std::ifstream In(Path);
  if (!In) {
    Error = "cannot read " + What + " '" + Path + "': " + std::strerror(errno);
    return std::nullopt;
  }
  try {
    return report::readJson(In);
  } catch (const std::exception &E) {
    Error = What + " '" + Path + "' is not a concur JSON report: " + E.what();
    return std::nullopt;
  }
}

/// Marks each finding "unchanged" when the baseline records its (check,
/// fingerprint), else "new"; returns how many are unchanged.
size_t applyBaseline(report::Report &R, const report::Report &Baseline) {
  std::set<std::pair<std::string, std::string>> Known;
  for (const report::Finding &F : Baseline.Findings)
    if (!F.Fingerprint.empty())
      Known.insert({F.Check, F.Fingerprint});
  size_t Unchanged = 0;
  for (report::Finding &F : R.Findings) {
    bool Recorded = !F.Fingerprint.empty() && Known.count({F.Check, F.Fingerprint});
    F.BaselineState = Recorded ? "unchanged" : "new";
    Unchanged += Recorded;
  }
  return Unchanged;
}

Renderings render(const report::Report &R, const cli::Options &Opts,
                  const std::vector<report::RuleInfo> &Rules) {
  Renderings Out;
  Out.Rules = &Rules;
  Out.Sarif = R;
  report::relativizePaths(Out.Sarif, Opts.SourceRoot);
  Out.Text = R;
  std::erase_if(Out.Text.Findings,
                [](const report::Finding &F) { return F.BaselineState == "unchanged"; });
  Out.Portable = Out.Text;
  report::relativizePaths(Out.Portable, Opts.SourceRoot);
  Out.SarifOpts.SourceRoot = Opts.SourceRoot;
  Out.SarifOpts.AutomationId = Opts.AutomationId;
  Out.SarifOpts.Timing = Opts.Stats;
  if (!Opts.DocsUrl.empty())
    Out.SarifOpts.InformationUri = Opts.DocsUrl;
  return Out;
}

/// What finish() needs beyond the report and the options.
struct RunContext {
  /// PR mode: the changed lines (--diff, --changed-since).
  std::optional<cli::ChangedLines> Changed;
  /// export-fixes' MainSourceFile: the first file analysed.
  std::string MainSourceFile;
};

/// Whether stdout gets clang's terminal rendering (--color).
bool terminalText(const cli::Options &Opts) {
  switch (Opts.Color) {
  case cli::ColorMode::Always: return true;
  case cli::ColorMode::Never: return false;
  case cli::ColorMode::Auto: return llvm::sys::Process::StandardOutHasColors();
  }
  return false;
}

/// --export-fixes and --fix on the findings shown. Returns false when a
/// file could not be written (reported already).
bool handleFixes(const report::Report &Shown, const cli::Options &Opts,
                 const RunContext &Run) {
  bool Ok = true;
  std::string Error;
  if (!Opts.ExportFixes.empty() &&
      !cli::exportFixes(Shown.Findings, Run.MainSourceFile, Opts.ExportFixes, Error)) {
    fail(Error);
    Ok = false;
  }
  if (Opts.Fix) {
    cli::FixOutcome Fixed = cli::applyFixes(Shown.Findings);
    for (const std::string &E : Fixed.Errors)
      fail(E);
    Ok &= Fixed.Errors.empty();
    if (!Opts.Quiet)
      std::cerr << "concur: note: applied " << Fixed.Applied << " of " << Fixed.Suggested
                << " suggested fix" << (Fixed.Suggested == 1 ? "" : "es") << "\n";
  }
  return Ok;
}

/// Common tail of analysis and merge: PR mode, baseline, outputs, fixes,
/// exit status.
int finish(report::Report &R, const cli::Options &Opts,
           const std::vector<report::RuleInfo> &Rules, const RunContext &Run) {
  report::removeDuplicateFindings(R); // also sorts: order independent of -j
  std::string Error;
  if (!Opts.WriteBaseline.empty()) {
    report::Report Recorded = R;
    report::relativizePaths(Recorded, Opts.SourceRoot);
    std::ofstream Out(Opts.WriteBaseline, std::ios::trunc);
    report::writeJson(Recorded, Out);
    Out.close();
    if (!Out)
      return fail("cannot write baseline '" + Opts.WriteBaseline + "': " + std::strerror(errno));
  }
  // PR mode hides findings away from the change; a baseline written in the
  // same run still records them all.
  if (Run.Changed) {
    size_t Before = R.Findings.size();
    std::erase_if(R.Findings,
                  [&](const report::Finding &F) { return !Run.Changed->touches(F); });
    size_t Hidden = Before - R.Findings.size();
    if (Hidden && !Opts.Quiet)
      std::cerr << "concur: note: " << Hidden << " finding" << (Hidden == 1 ? "" : "s")
                << " away from the changed lines not shown\n";
  }
  if (!Opts.Baseline.empty()) {
    auto Baseline = readReportFile(Opts.Baseline, "baseline", Error);
    if (!Baseline)
      return fail(Error);
    size_t Hidden = applyBaseline(R, *Baseline);
    if (Hidden && !Opts.Quiet)
      std::cerr << "concur: note: " << Hidden << " finding" << (Hidden == 1 ? "" : "s")
                << " recorded in the baseline '" << Opts.Baseline << "' not shown\n";
  }
  const Renderings Out = render(R, Opts, Rules);

  if (!Opts.Quiet || Opts.Outputs.empty())
    if (!(Opts.Quiet && Opts.StdoutFormat == cli::Format::Text))
      Out.write(Opts.StdoutFormat, std::cout, terminalText(Opts));
  std::cout.flush();

  const report::Report &Shown = Out.Text;
  int Status = Shown.Errors.empty() ? (Shown.Findings.empty() ? ExitClean : ExitFindings)
                                    : ExitError;
  if (!handleFixes(Shown, Opts, Run))
    Status = ExitError;
  for (const cli::Output &Output : Opts.Outputs) {
    std::ostringstream Buffer;
    Out.write(Output.Fmt, Buffer);
    std::ofstream File(Output.Path, std::ios::trunc);
    File << Buffer.str();
    File.close();
    if (!File)
      Status = fail("cannot write '" + Output.Path + "': " + std::strerror(errno));
  }
  return Status;
}

/// Paths a shard wrote relative to the source root, made absolute again so
/// that they sort and deduplicate like the cross-file findings merge adds.
void absolutizePaths(report::Report &R, const std::string &Root) {
  auto Fix = [&](std::string &Path) {
    if (Path.empty() || llvm::sys::path::is_absolute(Path))
      return;
    llvm::SmallString<256> P(Root);
    llvm::sys::path::append(P, Path);
    Path = std::string(P);
  };
  for (report::Finding &F : R.Findings) {
    Fix(F.Loc.File);
    for (report::Note &N : F.Notes)
      Fix(N.Loc.File);
    for (report::Replacement &Rep : F.Fixes)
      Fix(Rep.File);
  }
  for (report::InputError &E : R.Errors)
    Fix(E.File);
  for (report::CutShort &C : R.Stats.CutShort)
    Fix(C.File);
}

bool analysisConfig(const cli::Options &Opts, driver::AnalysisConfig &Config,
                    std::string &Error);
bool changedLines(const cli::Options &Opts, RunContext &Run, std::string &Error);

/// `concur merge`: one report from the JSON reports of shards.
int merge(const cli::Options &Opts, const std::vector<report::RuleInfo> &Rules) {
  if (Opts.Files.empty())
    return fail("merge: no reports given (concur merge REPORT.json...)");
  report::Report Merged;
  Merged.ToolVersion = CONCUR_VERSION;
  std::string Error;
  for (const std::string &Path : Opts.Files) {
    // A static report, a shard, an imported TSan report or runtime JSON lines.
    auto Part = import::readMergeInput(Path, {std::cerr, Opts.Quiet}, Error);
    if (!Part)
      return fail(Error);
    absolutizePaths(*Part, Opts.SourceRoot);
    for (auto &F : Part->Findings)
      Merged.Findings.push_back(std::move(F));
    for (auto &E : Part->Errors)
      Merged.Errors.push_back(std::move(E));
    for (auto &S : Part->Summaries)
      Merged.Summaries.push_back(std::move(S));
    Merged.Stats.Files += Part->Stats.Files;
    Merged.Stats.FilesFailed += Part->Stats.FilesFailed;
    Merged.Stats.FilesCached += Part->Stats.FilesCached;
    for (auto &C : Part->Stats.CutShort)
      Merged.Stats.CutShort.push_back(std::move(C));
    // Shards run side by side: the merged run took as long as the longest.
    Merged.Stats.Seconds = std::max(Merged.Stats.Seconds, Part->Stats.Seconds);
  }
  report::dropRepeatedFunctions(Merged.Summaries); // repeated across shards
  // Paths across shards: the shards' summaries joined, filtered as a
  // single run filters them (the shards filtered their own findings).
  driver::AnalysisConfig Config;
  RunContext Run;
  if (!analysisConfig(Opts, Config, Error) || !changedLines(Opts, Run, Error))
    return fail(Error);
  auto Excludes = cli::ExcludeGlobs::create(Opts.Excludes, Opts.SourceRoot, Error);
  if (!Excludes)
    return fail(Error);
  std::set<std::string> MainFiles;
  for (const report::TranslationUnitSummary &S : Merged.Summaries)
    MainFiles.insert(S.File);
  cli::FindingFilter Filter(Config, Opts.SourceRoot, std::move(MainFiles), std::move(*Excludes));
  crosstu::withdrawRefuted(Merged.Findings, Merged.Summaries);
  std::vector<report::Finding> Joined = crosstu::crossTranslationUnitFindings(Merged.Summaries);
  if (!Filter.apply(Joined, "", Error))
    return fail(Error);
  for (report::Finding &F : Joined)
    Merged.Findings.push_back(std::move(F));
  Merged.Summaries.clear();
  // What the static checks and a run both saw is shown once, with both.
  import::combineEvidence(Merged);
  return finish(Merged, Opts, Rules, Run);
}

/// `concur import-tsan`: a report from ThreadSanitizer logs.
int importTsan(const cli::Options &Opts, const std::vector<report::RuleInfo> &Rules) {
  if (Opts.Files.empty())
    return fail("import-tsan: no logs given (concur import-tsan LOG...)");
  report::Report R = import::importTsanLogs(Opts.Files, Opts.SourceRoot, {std::cerr, Opts.Quiet});
  R.ToolVersion = CONCUR_VERSION;
  RunContext Run;
  std::string Error;
  if (!changedLines(Opts, Run, Error))
    return fail(Error);
  return finish(R, Opts, Rules, Run);
}

/// Makes the paths the run reads or writes absolute, once, on the main thread
/// before any worker starts: what they name must not depend on the working
/// directory at the time of use. (Workers never change the process's working
/// directory, each TU has its own; see analyzeTranslationUnit.) Input files
/// are resolved by planInputs, also before the workers start.
void resolvePathsUpFront(cli::Options &Opts) {
  auto Resolve = [](std::string &Path) {
    if (Path.empty())
      return;
    llvm::SmallString<256> P(Path);
    llvm::sys::fs::make_absolute(P);
    Path = std::string(P);
  };
  for (cli::Output &Out : Opts.Outputs)
    Resolve(Out.Path);
  Resolve(Opts.Baseline);
  Resolve(Opts.WriteBaseline);
  Resolve(Opts.ConfigFile);
  Resolve(Opts.ExportFixes);
  Resolve(Opts.TimeReportFile);
  if (Opts.DiffFile != "-")
    Resolve(Opts.DiffFile);
  Resolve(Opts.BuildPath);
  Resolve(Opts.CacheDir);
  Resolve(Opts.SourceRoot);
  if (!Opts.SourceRoot.empty()) {
    llvm::SmallString<256> P(Opts.SourceRoot);
    llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    Opts.SourceRoot = std::string(P);
  }
}

/// Parses a clang-tidy configuration into Config.ConfigFile. On failure
/// sets \p Error to \p What and the parser's first complaint, in one line
/// (the parser's own report, source line and caret, is not printed).
bool parseConfig(llvm::MemoryBufferRef Text, const std::string &What,
                 driver::AnalysisConfig &Config, std::string &Error) {
  std::string First;
  auto Parsed = clang::tidy::parseConfigurationWithDiags(Text, [&](const llvm::SMDiagnostic &D) {
    if (First.empty())
      First = "line " + std::to_string(D.getLineNo()) + ", column " +
              std::to_string(D.getColumnNo() + 1) + ": " + D.getMessage().str();
  });
  if (!Parsed) {
    Error = What + (First.empty() ? Parsed.getError().message() : First);
    return false;
  }
  Config.ConfigFile = *Parsed;
  return true;
}

/// The clang-tidy configuration of the run: concur's checks, then
/// .clang-tidy files or --config-file or --config, then the command line's
/// --checks, --header-filter, --exclude-header-filter and
/// --warnings-as-errors (merged as clang-tidy merges them). On failure sets
/// \p Error to one line.
bool analysisConfig(const cli::Options &Opts, driver::AnalysisConfig &Config,
                    std::string &Error) {
  Config.Defaults = clang::tidy::ClangTidyOptions::getDefaults();
  Config.Defaults.Checks = "-*,concur-*";
  // No HeaderFilterRegex unless configured: concur's default applies then
  // (headers under the source root), see FindingFilter.h.
  Config.Defaults.HeaderFilterRegex = std::nullopt;
  Config.Defaults.ExcludeHeaderFilterRegex = std::nullopt;
  Config.Overrides.Checks = Opts.Checks;
  Config.Overrides.HeaderFilterRegex = Opts.HeaderFilter;
  Config.Overrides.ExcludeHeaderFilterRegex = Opts.ExcludeHeaderFilter;
  Config.Overrides.WarningsAsErrors = Opts.WarningsAsErrors;
  Config.ExtraArgs = Opts.ExtraArgs;
  if (!Opts.InlineConfig.empty())
    return parseConfig(llvm::MemoryBufferRef(Opts.InlineConfig, "--config"),
                       "--config is not a valid clang-tidy configuration (YAML or JSON): ",
                       Config, Error);
  if (Opts.ConfigFile.empty())
    return true;
  auto Text = llvm::MemoryBuffer::getFile(Opts.ConfigFile);
  if (!Text) {
    Error = "cannot read config file '" + Opts.ConfigFile + "': " + Text.getError().message();
    return false;
  }
  return parseConfig((*Text)->getMemBufferRef(),
                     "config file '" + Opts.ConfigFile + "' is not valid clang-tidy YAML: ",
                     Config, Error);
}

/// The command line's regular expressions and globs, checked before any
/// work.
bool validFilterFlags(const cli::Options &Opts, std::string &Error) {
  return (!Opts.HeaderFilter || cli::validRegex(*Opts.HeaderFilter, "--header-filter", Error)) &&
         (!Opts.ExcludeHeaderFilter ||
          cli::validRegex(*Opts.ExcludeHeaderFilter, "--exclude-header-filter", Error)) &&
         cli::ExcludeGlobs::create(Opts.Excludes, "", Error).has_value();
}

/// PR mode's changed lines, when asked for; false with \p Error set when
/// the diff cannot be had.
bool changedLines(const cli::Options &Opts, RunContext &Run, std::string &Error) {
  if (!Opts.DiffFile.empty())
    Run.Changed = cli::ChangedLines::fromFile(Opts.DiffFile, Opts.SourceRoot, Error);
  else if (!Opts.ChangedSince.empty())
    Run.Changed = cli::ChangedLines::sinceRevision(Opts.ChangedSince, Opts.SourceRoot, Error);
  else
    return true;
  return Run.Changed.has_value();
}

/// The cache of this run: --cache-dir, else .concur-cache in the -p build
/// directory; none with --no-cache, without -p, or with the flags given
/// after '--' (no build directory then). A directory that cannot be written
/// costs one line and the cache, not the run.
std::unique_ptr<cache::ResultCache> openCache(const cli::Options &Opts, const char *Argv0) {
  if (Opts.NoCache)
    return nullptr;
  std::string Dir = Opts.CacheDir;
  if (Dir.empty() && !Opts.BuildPath.empty() && !Opts.CompileFlags) {
    llvm::SmallString<256> P(Opts.BuildPath);
    if (!llvm::sys::fs::is_directory(P))
      llvm::sys::path::remove_filename(P);
    llvm::sys::path::append(P, ".concur-cache");
    Dir = std::string(P);
  }
  if (Dir.empty())
    return nullptr;
  std::string Problem;
  auto Cache = cache::ResultCache::open(Dir, cache::toolIdentity(Argv0), Problem);
  if (!Cache && !Opts.Quiet)
    std::cerr << "concur: note: " << Problem << "; running without the cache\n";
  return Cache;
}

/// The order the workers take \p Jobs in: longest first, so that a big TU
/// near the end of the input does not leave the other workers idle while it
/// runs alone. A TU's expected cost is its main file's size (cheap, and
/// known before any parse); a file that cannot be stat'ed costs 0. The sort
/// is stable, so equal costs keep their input order.
std::vector<size_t> longestFirst(const std::vector<driver::Job> &Jobs) {
  std::vector<uint64_t> Cost(Jobs.size(), 0);
  for (size_t I = 0; I < Jobs.size(); ++I) {
    uint64_t Size = 0;
    if (!llvm::sys::fs::file_size(Jobs[I].File, Size))
      Cost[I] = Size;
  }
  std::vector<size_t> Order(Jobs.size());
  std::iota(Order.begin(), Order.end(), size_t{0});
  std::stable_sort(Order.begin(), Order.end(),
                   [&](size_t A, size_t B) { return Cost[A] > Cost[B]; });
  return Order;
}

/// Runs the jobs on N threads, longest first. Results land in per-job slots
/// (input order), so the report depends neither on the order the jobs are
/// taken in nor on which thread finished first.
std::vector<cache::JobOutcome> runJobs(const std::vector<driver::Job> &Jobs,
                                       const driver::AnalysisConfig &Config,
                                       cache::ResultCache *Cache, unsigned Threads,
                                       bool ShowProgress) {
  std::vector<cache::JobOutcome> Results(Jobs.size());
  const std::vector<size_t> Order = longestFirst(Jobs);
  std::atomic<size_t> Next{0};
  // "[k/N] file" as each file starts: k counts the files started, under the
  // lock that orders the lines, so that every count is printed once and in
  // order, whatever -j.
  size_t Started = 0;
  std::mutex ProgressMutex;
  auto Worker = [&] {
    for (size_t K = Next++; K < Jobs.size(); K = Next++) {
      size_t I = Order[K];
      if (ShowProgress) {
        std::lock_guard<std::mutex> Lock(ProgressMutex);
        std::cerr << "\r\033[K[" << ++Started << "/" << Jobs.size() << "] "
                  << Jobs[I].File << std::flush;
      }
      Results[I] = cache::analyzeWithCache(Cache, Config, Jobs[I].Command);
    }
  };
  std::vector<std::thread> Pool;
  unsigned N = std::max(1u, std::min<unsigned>(Threads, Jobs.size()));
  for (unsigned T = 1; T < N; ++T)
    Pool.emplace_back(Worker);
  Worker();
  for (std::thread &T : Pool)
    T.join();
  if (ShowProgress)
    std::cerr << "\r\033[K" << std::flush;
  return Results;
}

/// What the cache did, told once the workers are done and in input order
/// (the same lines whatever -j): every entry it ignored, the first write
/// that failed, and with --stats the counts. Returns how many files came
/// from the cache.
unsigned reportCacheUse(const std::vector<cache::JobOutcome> &Outcomes,
                        const cache::ResultCache *Cache, const cli::Options &Opts) {
  unsigned FromCache = 0;
  std::string FirstStoreProblem;
  for (const cache::JobOutcome &O : Outcomes) {
    FromCache += O.FromCache;
    if (!O.IgnoredEntry.empty() && !Opts.Quiet)
      std::cerr << "concur: note: " << O.IgnoredEntry << "\n";
    if (FirstStoreProblem.empty())
      FirstStoreProblem = O.StoreProblem;
  }
  if (!FirstStoreProblem.empty() && !Opts.Quiet)
    std::cerr << "concur: note: " << FirstStoreProblem
              << " (results of this run may not be cached)\n";
  if (Opts.Stats && !Opts.Quiet) {
    std::cerr << "concur: stats: " << Outcomes.size() << " file"
              << (Outcomes.size() == 1 ? "" : "s") << ": " << Outcomes.size() - FromCache
              << " analysed, " << FromCache << " from the cache";
    if (Cache)
      std::cerr << " in '" << Cache->directory() << "'";
    else
      std::cerr << " (no cache)";
    std::cerr << "\n";
  }
  return FromCache;
}

/// This shard's part of \p Inputs (made absolute, sorted, deduplicated in
/// place): every shard sees the same order, so the slices partition the
/// inputs whatever machine runs them.
std::vector<std::string> shardSlice(std::vector<std::string> &Inputs, const cli::Options &Opts) {
  for (std::string &In : Inputs) {
    llvm::SmallString<256> P(In);
    llvm::sys::fs::make_absolute(P);
    In = std::string(P);
  }
  std::sort(Inputs.begin(), Inputs.end());
  Inputs.erase(std::unique(Inputs.begin(), Inputs.end()), Inputs.end());
  std::vector<std::string> Slice;
  for (size_t I = 0; I < Inputs.size(); ++I)
    if (I % Opts.ShardCount == Opts.ShardIndex - 1)
      Slice.push_back(Inputs[I]);
  return Slice;
}

/// Vendored trees (--exclude) are silenced, not cut out: their files are
/// still analysed, so the cross-TU phase sees the whole program, but their
/// findings and errors are not shown. One note counts them.
void applyExcludes(driver::InputPlan &Plan, const cli::ExcludeGlobs &Excludes,
                   const cli::Options &Opts) {
  size_t Before = Plan.Errors.size();
  std::erase_if(Plan.Errors,
                [&](const report::InputError &E) { return Excludes.excludes(E.File); });
  size_t Silenced = Before - Plan.Errors.size() +
                    std::count_if(Plan.Jobs.begin(), Plan.Jobs.end(), [&](const driver::Job &J) {
                      return Excludes.excludes(J.File);
                    });
  if (Silenced && !Opts.Quiet)
    std::cerr << "concur: note: " << Silenced << " file" << (Silenced == 1 ? "" : "s")
              << " under --exclude: analysed for cross-file facts, findings not shown\n";
}

/// Fails on unwritable outputs before minutes are spent on analysis.
bool outputsWritable(const cli::Options &Opts, std::string &Error) {
  std::vector<std::string> ToWrite;
  for (const cli::Output &Out : Opts.Outputs)
    ToWrite.push_back(Out.Path);
  if (!Opts.WriteBaseline.empty())
    ToWrite.push_back(Opts.WriteBaseline);
  if (!Opts.ExportFixes.empty())
    ToWrite.push_back(Opts.ExportFixes);
  if (!Opts.TimeReportFile.empty())
    ToWrite.push_back(Opts.TimeReportFile);
  for (const std::string &Path : ToWrite) {
    std::ofstream Probe(Path, std::ios::app);
    if (!Probe) {
      Error = "cannot write '" + Path + "': " + std::strerror(errno);
      return false;
    }
  }
  return true;
}

/// The TUs' findings (filtered as each TU's configuration says), errors and
/// summaries into \p R, in job order; one note for the flags Clang did not
/// know. False with \p Error set when a filter fails.
bool collectResults(std::vector<cache::JobOutcome> &Outcomes, const driver::InputPlan &Plan,
                    cli::FindingFilter &Filter, const cli::Options &Opts, report::Report &R,
                    std::string &Error) {
  std::vector<std::string> Dropped;
  for (size_t I = 0; I < Outcomes.size(); ++I) {
    driver::TranslationUnitResult &Res = Outcomes[I].Result;
    if (!Filter.apply(Res.Findings, Plan.Jobs[I].File, Error))
      return false;
    for (auto &F : Res.Findings)
      R.Findings.push_back(std::move(F));
    for (auto &E : Res.Errors) {
      // A vendored file that fails costs its facts, not the run.
      if (Filter.excluded(E.File))
        continue;
      std::cerr << "concur: error: " << E.File << ": " << E.Message << "\n";
      R.Errors.push_back(std::move(E));
    }
    for (auto &S : Res.Summaries)
      R.Summaries.push_back(std::move(S));
    for (const report::CutShort &C : Res.Analysis.CutShort)
      if (!Filter.excluded(C.File))
        R.Stats.CutShort.push_back(C);
    for (auto &D : Res.DroppedFlags)
      if (std::find(Dropped.begin(), Dropped.end(), D) == Dropped.end())
        Dropped.push_back(D);
  }
  // A header's functions, summarised alike by every TU that includes it.
  report::dropRepeatedFunctions(R.Summaries);
  if (!Dropped.empty() && !Opts.Quiet) {
    std::cerr << "concur: note: ignored compiler flags Clang does not know:";
    for (const std::string &D : Dropped)
      std::cerr << " " << D;
    std::cerr << "\n";
  }
  return true;
}

/// --help, --version, --list-checks: answered without analysing anything.
std::optional<int> answerWithoutAnalysis(const cli::Options &Opts,
                                         const std::vector<report::RuleInfo> &Rules) {
  if (Opts.Help) {
    std::cout << cli::usageText();
    return ExitClean;
  }
  if (Opts.Version) {
    std::cout << "concur " CONCUR_VERSION " (clang-tidy engine, LLVM 22)\n";
    return ExitClean;
  }
  if (Opts.ListChecks) {
    for (const report::RuleInfo &R : Rules)
      std::cout << R.Id << "\n    " << R.Summary << "\n";
    return ExitClean;
  }
  return std::nullopt;
}

/// The compile commands: the flags after '--' for every file, or the
/// compile database of -p (none when neither is given). False with \p Error
/// set when the database cannot be read.
bool openDatabase(const cli::Options &Opts,
                  std::unique_ptr<clang::tooling::CompilationDatabase> &Database,
                  std::string &Error) {
  if (Opts.CompileFlags) {
    // `concur a.cpp b.c -- -std=c++20 -Iinclude`: these flags for every file.
    if (!Opts.BuildPath.empty() && !Opts.Quiet)
      std::cerr << "concur: note: the flags after '--' are used; the compile database in '"
                << Opts.BuildPath << "' is not read\n";
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    Database = std::make_unique<clang::tooling::FixedCompilationDatabase>(Cwd,
                                                                          *Opts.CompileFlags);
  } else if (!Opts.BuildPath.empty()) {
    Database = driver::loadCompileDatabase(Opts.BuildPath, Error);
    if (!Database)
      return false;
  }
  return true;
}

/// The report of a shard that got no files: empty, written as asked.
int finishEmptyShard(cli::Options &Opts, const std::vector<report::RuleInfo> &Rules,
                     const std::vector<std::string> &Inputs) {
  std::string Error;
  if (!Opts.Quiet)
    std::cerr << "concur: note: shard " << Opts.ShardIndex << "/" << Opts.ShardCount
              << " has no files (" << Inputs.size() << " inputs)\n";
  report::Report Empty;
  Empty.ToolVersion = CONCUR_VERSION;
  if (Opts.SourceRoot.empty())
    Opts.SourceRoot = findSourceRoot(Inputs.empty() ? "." : Inputs.front());
  RunContext Run;
  if (!changedLines(Opts, Run, Error))
    return fail(Error);
  return finish(Empty, Opts, Rules, Run);
}

/// What an analysis run has when its workers are done.
struct AnalysedRun {
  driver::AnalysisConfig Config;
  driver::InputPlan Plan;
  std::vector<cache::JobOutcome> Outcomes;
  const cache::ResultCache *Cache = nullptr;
  RunContext Run;
  std::chrono::steady_clock::time_point Start;
};

/// The report of an analysis run: each TU's findings as its configuration
/// filters them, then (unless this is a shard) the cross-TU join's.
int reportRun(AnalysedRun &A, cli::ExcludeGlobs Excludes, cli::Options &Opts,
              const std::vector<report::RuleInfo> &Rules) {
  std::string Error;
  // Which findings to show, decided as clang-tidy decides (see
  // FindingFilter.h): each TU's with the configuration of its main file.
  std::set<std::string> MainFiles;
  for (const driver::Job &J : A.Plan.Jobs) {
    llvm::SmallString<256> P(J.File);
    llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
    MainFiles.insert(std::string(P));
  }
  cli::FindingFilter Filter(A.Config, Opts.SourceRoot, std::move(MainFiles),
                            std::move(Excludes));
  report::Report R;
  R.ToolVersion = CONCUR_VERSION;
  R.Errors = A.Plan.Errors;
  if (!collectResults(A.Outcomes, A.Plan, Filter, Opts, R, Error))
    return fail(Error);
  // A shard's report carries its summaries instead: `concur merge` joins
  // them with the other shards' (a shard alone would see part of a path,
  // and could pick a different witness for a cycle than the whole run).
  auto JoinStart = std::chrono::steady_clock::now();
  if (!Opts.ShardCount) {
    crosstu::withdrawRefuted(R.Findings, R.Summaries);
    std::vector<report::Finding> Joined = crosstu::crossTranslationUnitFindings(R.Summaries);
    if (!Filter.apply(Joined, "", Error))
      return fail(Error);
    for (report::Finding &F : Joined)
      R.Findings.push_back(std::move(F));
    R.Summaries.clear();
  }
  R.Stats.Files = A.Plan.Jobs.size() + A.Plan.Errors.size();
  R.Stats.FilesFailed = R.Errors.size();
  R.Stats.FilesCached = reportCacheUse(A.Outcomes, A.Cache, Opts);
  auto End = std::chrono::steady_clock::now();
  R.Stats.Seconds = std::chrono::duration<double>(End - A.Start).count();
  if (Opts.TimeReport) {
    cli::TimeReport Times = cli::TimeReport::collect(
        A.Outcomes, A.Plan.Jobs, std::chrono::duration<double>(End - JoinStart).count(),
        R.Stats.Seconds);
    if (Opts.TimeReportFile.empty())
      Times.printText(std::cerr);
    else if (!Times.writeJson(Opts.TimeReportFile, Opts.SourceRoot, Error))
      return fail(Error);
  }
  return finish(R, Opts, Rules, A.Run);
}

/// Analyses the inputs (files, or every file of the compile database; this
/// shard's part of them) and reports.
int analyse(cli::Options &Opts, const std::vector<report::RuleInfo> &Rules,
            std::chrono::steady_clock::time_point Start, const char *Argv0) {
  std::string Error;
  AnalysedRun A;
  A.Start = Start;
  if (!analysisConfig(Opts, A.Config, Error))
    return fail(Error);
  std::unique_ptr<clang::tooling::CompilationDatabase> Database;
  if (!openDatabase(Opts, Database, Error))
    return fail(Error);
  std::vector<std::string> Inputs = Opts.Files;
  if (Opts.ShardCount) {
    if (Inputs.empty() && Database)
      Inputs = Database->getAllFiles();
    std::vector<std::string> Slice = shardSlice(Inputs, Opts);
    if (Slice.empty())
      return finishEmptyShard(Opts, Rules, Inputs);
    Inputs = std::move(Slice);
  }
  A.Plan = driver::planInputs(Inputs, Database.get());
  driver::InputPlan &Plan = A.Plan;
  if (Plan.Jobs.empty() && Plan.Errors.empty())
    return fail("the compile database '" + Opts.BuildPath + "' lists no files");
  if (Opts.SourceRoot.empty())
    Opts.SourceRoot = findSourceRoot(!Plan.Jobs.empty() ? Plan.Jobs.front().File
                                                        : Plan.Errors.front().File);

  auto Excludes = cli::ExcludeGlobs::create(Opts.Excludes, Opts.SourceRoot, Error);
  if (!Excludes)
    return fail(Error);
  applyExcludes(Plan, *Excludes, Opts);

  if (!changedLines(Opts, A.Run, Error))
    return fail(Error);
  if (!Plan.Jobs.empty())
    A.Run.MainSourceFile = Plan.Jobs.front().File;
  if (!Opts.Quiet)
    for (const std::string &Note : Plan.Notes)
      std::cerr << "concur: note: " << Note << "\n";
  for (const report::InputError &E : Plan.Errors)
    std::cerr << "concur: error: " << E.File << ": " << E.Message << "\n";

  llvm::CrashRecoveryContext::Enable();
  unsigned Threads = Opts.Jobs ? Opts.Jobs : std::max(1u, std::thread::hardware_concurrency());
  bool ShowProgress = Opts.Progress && !Opts.Quiet && isatty(STDERR_FILENO);
  std::unique_ptr<cache::ResultCache> Cache = openCache(Opts, Argv0);
  A.Cache = Cache.get();
  A.Outcomes = runJobs(Plan.Jobs, A.Config, Cache.get(), Threads, ShowProgress);
  return reportRun(A, std::move(*Excludes), Opts, Rules);
}

} // namespace

int main(int Argc, char **Argv) {
  auto Start = std::chrono::steady_clock::now();
  std::string Error;
  auto Parsed = cli::parseOptions(Argc, Argv, Error);
  if (!Parsed)
    return fail(Error);
  cli::Options &Opts = *Parsed;
  resolvePathsUpFront(Opts);
  const std::vector<report::RuleInfo> Rules = report::staticRules(Opts.DocsUrl);
  if (std::optional<int> Exit = answerWithoutAnalysis(Opts, Rules))
    return *Exit;
  if (!outputsWritable(Opts, Error))
    return fail(Error);
  if (!Opts.SourceRoot.empty() && !llvm::sys::fs::is_directory(Opts.SourceRoot))
    return fail("--source-root '" + Opts.SourceRoot + "' is not a directory");
  if (!validFilterFlags(Opts, Error))
    return fail(Error);
  if (Opts.Merge) {
    if (Opts.SourceRoot.empty())
      Opts.SourceRoot = findSourceRoot(".");
    return merge(Opts, Rules);
  }
  if (Opts.ImportTsan) {
    if (Opts.SourceRoot.empty())
      Opts.SourceRoot = findSourceRoot(".");
    return importTsan(Opts, Rules);
  }
  if (Opts.Checks)
    if (auto Bad = unknownCheck(*Opts.Checks, Rules))
      return fail("unknown check '" + *Bad + "' in --checks (see concur --list-checks)");
  if (Opts.Files.empty() && Opts.BuildPath.empty())
    return fail("no input files: give source files, or -p with a build directory");
  return analyse(Opts, Rules, Start, Argv[0]);
}
