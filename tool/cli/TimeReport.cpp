#include "TimeReport.h"

#include "report/Report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <numeric>

namespace concur::cli {
namespace {

double sum(const std::map<std::string, double> &Seconds) {
  return std::accumulate(Seconds.begin(), Seconds.end(), 0.0,
                         [](double S, const auto &Entry) { return S + Entry.second; });
}

std::string fixed(double Seconds) {
  char Buf[32];
  std::snprintf(Buf, sizeof Buf, "%.3f", Seconds);
  return Buf;
}

/// "     1.234   12.5%  What": seconds, share of \p Of, label.
std::string row(double Seconds, double Of, const std::string &What) {
  char Buf[64];
  std::snprintf(Buf, sizeof Buf, "  %10.3f  %5.1f%%  ", Seconds,
                Of > 0 ? 100.0 * Seconds / Of : 0.0);
  return Buf + What + "\n";
}

/// \p Seconds largest first (ties by name), one row each.
std::vector<std::pair<std::string, double>>
largestFirst(const std::map<std::string, double> &Seconds) {
  std::vector<std::pair<std::string, double>> Rows(Seconds.begin(), Seconds.end());
  std::stable_sort(Rows.begin(), Rows.end(),
                   [](const auto &A, const auto &B) { return A.second > B.second; });
  return Rows;
}

void printSection(const std::string &Title, const std::map<std::string, double> &Seconds,
                  std::ostream &OS) {
  double Total = sum(Seconds);
  OS << Title << ", " << Seconds.size() << ":\n" << row(Total, Total, "total");
  for (const auto &[Name, S] : largestFirst(Seconds))
    OS << row(S, Total, Name);
}

} // namespace

double TimeReport::FileTime::compiler() const {
  return std::max(0.0, Total - Analyses - Checks);
}

TimeReport TimeReport::collect(const std::vector<cache::JobOutcome> &Outcomes,
                               const std::vector<driver::Job> &Jobs, double JoinSeconds,
                               double RunSeconds) {
  TimeReport T;
  T.JoinSeconds = JoinSeconds;
  T.RunSeconds = RunSeconds;
  AnalysisStats Sum;
  for (size_t I = 0; I < Outcomes.size(); ++I) {
    if (Outcomes[I].FromCache) {
      ++T.FromCache;
      continue;
    }
    const driver::TranslationUnitResult &R = Outcomes[I].Result;
    Sum.merge(R.Analysis);
    FileTime F{Jobs[I].File, R.Seconds, sum(R.Analysis.AnalysisSeconds),
               sum(R.Analysis.CheckSeconds)};
    T.All.Total += F.Total;
    T.All.Analyses += F.Analyses;
    T.All.Checks += F.Checks;
    T.Files.push_back(std::move(F));
  }
  T.AnalysisSeconds = std::move(Sum.AnalysisSeconds);
  T.CheckSeconds = std::move(Sum.CheckSeconds);
  std::stable_sort(T.Files.begin(), T.Files.end(),
                   [](const FileTime &A, const FileTime &B) { return A.Total > B.Total; });
  return T;
}

void TimeReport::printText(std::ostream &OS) const {
  const std::string Rule(78, '=');
  OS << Rule << "\nconcur time report: wall seconds, " << Files.size() << " file"
     << (Files.size() == 1 ? "" : "s") << " analysed";
  if (FromCache)
    OS << " (" << FromCache << " more from the cache, not timed)";
  OS << ", run " << fixed(RunSeconds) << " s\n" << Rule << "\n";
  OS << "per file, summed:\n"
     << row(All.Total, All.Total, "total")
     << row(All.compiler(), All.Total, "compiler (parse, semantic analysis, clang-tidy engine)")
     << row(All.Analyses, All.Total, "model analyses")
     << row(All.Checks, All.Total, "checks");
  OS << "cross-file join:\n" << row(JoinSeconds, RunSeconds, "of the run");
  printSection("model analyses (each without the analyses it asked for)", AnalysisSeconds, OS);
  printSection("checks (each without the model analyses they asked for)", CheckSeconds, OS);
  constexpr size_t Shown = 10;
  OS << "slowest files (total  compiler / analyses / checks  concur's share):\n";
  for (size_t I = 0; I < std::min(Shown, Files.size()); ++I) {
    const FileTime &F = Files[I];
    char Buf[96];
    std::snprintf(Buf, sizeof Buf, "  %10.3f  %.3f / %.3f / %.3f  %5.1f%%  ", F.Total,
                  F.compiler(), F.Analyses, F.Checks,
                  F.Total > 0 ? 100.0 * (F.Analyses + F.Checks) / F.Total : 0.0);
    OS << Buf << F.File << "\n";
  }
  OS << Rule << "\n";
}

bool TimeReport::writeJson(const std::string &Path, const std::string &SourceRoot,
                           std::string &Error) const {
  using Json = nlohmann::ordered_json;
  auto Split = [&](const FileTime &F) {
    return Json{{"seconds", F.Total},
                {"compiler", F.compiler()},
                {"analyses", F.Analyses},
                {"checks", F.Checks}};
  };
  auto Section = [](const std::map<std::string, double> &Seconds) {
    Json Out = Json::object();
    for (const auto &[Name, S] : largestFirst(Seconds))
      Out[Name] = S;
    return Out;
  };
  Json J = {{"run_seconds", RunSeconds},
            {"files_analysed", Files.size()},
            {"files_cached", FromCache},
            {"per_file_sum", Split(All)},
            {"join_seconds", JoinSeconds},
            {"analyses", Section(AnalysisSeconds)},
            {"checks", Section(CheckSeconds)},
            {"files", Json::array()}};
  for (const FileTime &F : Files) {
    Json Entry = {{"file", report::relativePath(F.File, SourceRoot)}};
    Entry.update(Split(F));
    J["files"].push_back(std::move(Entry));
  }
  std::ofstream Out(Path);
  Out << J.dump(2) << "\n";
  if (!Out) {
    Error = "cannot write the time report to '" + Path + "'";
    return false;
  }
  return true;
}

} // namespace concur::cli
