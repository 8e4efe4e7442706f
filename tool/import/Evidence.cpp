//===- Evidence.cpp - Static and dynamic findings in one report -----------===//
//
// `concur merge` reads three kinds of input: concur JSON reports (static
// runs, shards, and what `concur import-tsan` wrote) and the runtime
// detectors' JSON lines. When the static checks and a run of the program
// saw the same hazard, the report shows it once: the static finding (it has
// the check's documentation, the fix and the stable fingerprint) with both
// kinds of evidence and a note saying what the run saw.
//
// "The same hazard" is judged by two things. The family: each dynamic
// finding kind is the run-time face of some static checks (a TSan data race
// of concur-unguarded-shared-state and concur-inconsistent-locking, a
// runtime concur-rt-X of concur-X, ...). And the places: the same line, or
// two lines both findings name (a race's two accesses, a lock cycle's two
// acquisitions, a relock's two locks), whichever each side put first.
//
//===----------------------------------------------------------------------===//
#include "import/Import.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <ostream>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

namespace concur::import {
namespace {

using report::Finding;
using report::Location;

constexpr std::string_view TsanPrefix = "concur-tsan-";
constexpr std::string_view RuntimePrefix = "concur-rt-";

/// The hazard families that connect checks across kinds of analysis; besides
/// these, concur-rt-X belongs with concur-X.
constexpr std::pair<std::string_view, std::string_view> Families[] = {
    {"concur-unguarded-shared-state", "data-race"},
    {"concur-inconsistent-locking", "data-race"},
    {"concur-unsynchronized-shared-memory", "data-race"},
    {"concur-tsan-data-race", "data-race"},
    // A thread that outlives what it uses races with the destructor or the
    // next user of that memory.
    {"concur-detached-thread", "data-race"},
    {"concur-thread-captures-local", "data-race"},
    {"concur-lock-order-inversion", "lock-order"},
    {"concur-tsan-lock-order-inversion", "lock-order"},
    {"concur-unjoined-thread", "thread-lifetime"},
    {"concur-detached-thread", "thread-lifetime"},
    {"concur-tsan-thread-leak", "thread-lifetime"},
    {"concur-thread-captures-local", "use-after-free"},
    {"concur-detached-thread", "use-after-free"},
    {"concur-tsan-heap-use-after-free", "use-after-free"},
    {"concur-relock-non-recursive", "mutex-misuse"},
    {"concur-manual-lock-unlock", "mutex-misuse"},
    {"concur-tsan-mutex-misuse", "mutex-misuse"},
    {"concur-blocking-call-in-coroutine", "loop-blocking"},
    {"concur-rt-blocking-on-loop-thread", "loop-blocking"},
    {"concur-rt-blocked-loop", "loop-blocking"},
    {"concur-discarded-future", "lost-exception"},
    {"concur-rt-unretrieved-exception", "lost-exception"},
};

std::set<std::string> familiesOf(const std::string &Check) {
  std::set<std::string> Out;
  for (const auto &[Id, Family] : Families)
    if (Id == Check)
      Out.emplace(Family);
  std::string_view Id = Check;
  if (Id.starts_with(RuntimePrefix))
    Out.insert("concur-" + std::string(Id.substr(RuntimePrefix.size())));
  else if (!Id.starts_with(TsanPrefix))
    Out.insert(Check);
  return Out;
}

bool shareFamily(const Finding &A, const Finding &B) {
  std::set<std::string> FA = familiesOf(A.Check), FB = familiesOf(B.Check);
  return std::any_of(FA.begin(), FA.end(), [&](const std::string &F) { return FB.count(F); });
}

using Line = std::pair<std::string, unsigned>;

std::set<Line> linesOf(const Finding &F) {
  std::set<Line> Out;
  auto Add = [&](const Location &L) {
    if (!L.File.empty() && L.Line != 0)
      Out.insert({L.File, L.Line});
  };
  Add(F.Loc);
  for (const report::Note &N : F.Notes)
    Add(N.Loc);
  return Out;
}

/// Checks about a thread's lifetime: their notes name the places the
/// hazard happens (where the thread uses the object, where it is destroyed,
/// where the thread starts), not a call chain.
bool isLifetimeCheck(const std::string &Check) {
  return Check == "concur-unjoined-thread" || Check == "concur-detached-thread" ||
         Check == "concur-thread-captures-local";
}

/// Same line; or at least two lines in common (a race's two accesses, a
/// cycle's two acquisitions, whichever each side put first); or, for the
/// lifetime checks, every line the run names is one the static finding
/// names (a leaked thread's creation, a use after exit whose other side is
/// in the C++ library).
bool samePlace(const Finding &Static, const Finding &Dynamic) {
  if (!Static.Loc.File.empty() && Static.Loc.Line != 0 && Static.Loc.File == Dynamic.Loc.File &&
      Static.Loc.Line == Dynamic.Loc.Line)
    return true;
  std::set<Line> A = linesOf(Static), B = linesOf(Dynamic);
  std::size_t Common = 0;
  for (const Line &L : B)
    Common += A.count(L);
  return Common >= 2 || (isLifetimeCheck(Static.Check) && !B.empty() && Common == B.size());
}

void addEvidence(std::vector<std::string> &Evidence, const std::vector<std::string> &More) {
  static constexpr std::string_view Order[] = {"static", "tsan", "runtime"};
  std::vector<std::string> Out;
  for (std::string_view Kind : Order)
    if (std::count(Evidence.begin(), Evidence.end(), Kind) ||
        std::count(More.begin(), More.end(), Kind))
      Out.emplace_back(Kind);
  Evidence = std::move(Out);
}

/// The dynamic finding \p Dynamic, seen by a run, joins \p Static.
void absorb(Finding &Static, const Finding &Dynamic) {
  addEvidence(Static.Evidence, Dynamic.Evidence);
  auto AddNote = [&](report::Note N) {
    if (std::find(Static.Notes.begin(), Static.Notes.end(), N) == Static.Notes.end())
      Static.Notes.push_back(std::move(N));
  };
  std::string Who = evidenceKind(Dynamic.Check) == "tsan" ? "ThreadSanitizer" : "the runtime detector";
  std::string Message = Dynamic.Message;
  if (std::string_view(Message).starts_with("ThreadSanitizer: "))
    Message.erase(0, std::strlen("ThreadSanitizer: "));
  AddNote({"confirmed at run time by " + Who + " [" + Dynamic.Check + "]: " + Message,
           Dynamic.Loc});
  for (const report::Note &N : Dynamic.Notes)
    AddNote(N);
}

/// The first line of \p Text that is not blank.
std::string_view firstLine(std::string_view Text) {
  while (!Text.empty()) {
    auto End = Text.find('\n');
    std::string_view Line = Text.substr(0, End);
    if (Line.find_first_not_of(" \t\r") != std::string_view::npos)
      return Line;
    Text.remove_prefix(End == std::string_view::npos ? Text.size() : End + 1);
  }
  return {};
}

/// A runtime report: one finding object a line (or nothing at all).
bool isJsonLines(std::string_view Text) {
  std::string_view First = firstLine(Text);
  if (First.empty())
    return true;
  // A finding is a short line; a report written on one line (`jq -c`) is
  // not parsed twice to find out.
  if (First.size() > (1u << 20))
    return false;
  auto J = nlohmann::json::parse(First, nullptr, /*allow_exceptions=*/false);
  return J.is_object() && J.contains("check");
}

report::Report readJsonLines(const std::string &Path, std::string_view Text, Diagnostics Diag) {
  report::Report R;
  unsigned Number = 0;
  while (!Text.empty()) {
    auto End = Text.find('\n');
    std::string Line(Text.substr(0, End));
    Text.remove_prefix(End == std::string_view::npos ? Text.size() : End + 1);
    ++Number;
    if (Line.find_first_not_of(" \t\r") == std::string::npos)
      continue;
    try {
      R.Findings.push_back(report::readFindingJson(Line));
    } catch (const std::exception &E) {
      // A run killed mid-write leaves a partial last line; the others count.
      Diag.OS << "concur: warning: " << Path << ":" << Number
              << ": not a finding, line skipped: " << E.what() << "\n";
    }
  }
  if (R.Findings.empty() && !Diag.Quiet)
    Diag.OS << "concur: note: " << Path << ": no runtime findings in this file\n";
  return R;
}

} // namespace

std::string evidenceKind(const std::string &Check) {
  if (std::string_view(Check).starts_with(TsanPrefix))
    return "tsan";
  if (std::string_view(Check).starts_with(RuntimePrefix))
    return "runtime";
  return "static";
}

std::optional<report::Report> readMergeInput(const std::string &Path, Diagnostics Diag,
                                             std::string &Error) {
  std::ifstream In(Path, std::ios::binary);
  if (!In) {
    Error = "cannot read report '" + Path + "': " + std::strerror(errno);
    return std::nullopt;
  }
  // One read of the whole file: reports of large projects run to
  // hundreds of MiB of summaries.
  std::ostringstream Whole;
  Whole << In.rdbuf();
  std::string Text = std::move(Whole).str();
  if (isJsonLines(Text))
    return readJsonLines(Path, Text, Diag);
  try {
    return report::readJson(std::string_view(Text));
  } catch (const std::exception &E) {
    Error = "report '" + Path + "' is not a concur JSON report: " + E.what();
    return std::nullopt;
  }
}

void combineEvidence(report::Report &R) {
  bool Dynamic = std::any_of(R.Findings.begin(), R.Findings.end(), [](const Finding &F) {
    return evidenceKind(F.Check) != "static";
  });
  if (!Dynamic)
    return;
  report::removeDuplicateFindings(R);
  std::vector<Finding> Static, Kept;
  std::vector<Finding> Runs;
  for (Finding &F : R.Findings) {
    addEvidence(F.Evidence, {evidenceKind(F.Check)});
    (evidenceKind(F.Check) == "static" ? Static : Runs).push_back(std::move(F));
  }
  // Several runs (logs, processes) report the same finding: keep one.
  std::set<std::tuple<std::string, std::string, unsigned, unsigned, std::string>> SeenRuns;
  for (Finding &D : Runs) {
    if (!SeenRuns.insert({D.Check, D.Loc.File, D.Loc.Line, D.Loc.Column,
                          D.Fingerprint.empty() ? D.Message : D.Fingerprint})
             .second)
      continue;
    bool Joined = false;
    for (Finding &S : Static)
      if (shareFamily(S, D) && samePlace(S, D)) {
        absorb(S, D);
        Joined = true;
      }
    if (!Joined)
      Kept.push_back(std::move(D));
  }
  R.Findings = std::move(Static);
  std::move(Kept.begin(), Kept.end(), std::back_inserter(R.Findings));
  report::sortReport(R);
}

} // namespace concur::import
