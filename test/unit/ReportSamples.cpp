//===- ReportSamples.cpp - Sample reports for the schema lit tests --------===//
//
// Writes a report that exercises every optional part of the format (notes,
// fixes in two files, unknown line/column, runtime and TSan check ids,
// evidence, odd paths, input errors), so that the lit tests can validate
// real writer output against docs/report-schema.json and the SARIF 2.1.0
// schema. `reformat` runs a file through readJson and writeJson, which lets
// lit tests check the reader's diagnostics on files in Inputs/.
//
// usage: concur_report_samples json|jsonl|sarif|text [--empty] OUT
//        concur_report_samples reformat IN OUT
//        concur_report_samples reformat-jsonl IN OUT
// OUT may be '-' for stdout.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace concur::report;

namespace {

Report sampleReport() {
  Report R;
  R.ToolVersion = "0.1.0";

  Finding Blocking;
  Blocking.Check = "concur-blocking-call-in-coroutine";
  Blocking.Message = "blocking call 'std::this_thread::sleep_for' in coroutine "
                     "'fetch' stalls its event loop";
  Blocking.Loc = {"/src/net/fetch.cpp", 42, 7};
  Blocking.Function = "net::fetch";
  Blocking.Notes = {
      {"coroutine 'fetch' calls 'backoff'", {"/src/net/fetch.cpp", 40, 3}},
      {"'backoff' calls 'std::this_thread::sleep_for'",
       {"/src/net/retry.h", 12, 5}}};
  Blocking.Fixes = {{"/src/net/fetch.cpp", 1200, 30, "co_await loop.sleep(1s)"},
                    {"/src/net/retry.h", 0, 0, "#include <concur/event_loop.h>\n"}};
  Blocking.Fingerprint = computeFingerprint(
      Blocking, "    std::this_thread::sleep_for(1s);", 0);
  R.Findings.push_back(Blocking);

  // A relative path with characters that need percent-encoding in SARIF.
  Finding Odd;
  Odd.Check = "concur-blocking-call-in-coroutine";
  Odd.Severity = "error";
  Odd.Message = "blocking call 'fread' in coroutine 'load'";
  Odd.Loc = {"dir with space/caf\xc3\xa9#1.cpp", 3, 0};
  Odd.Fingerprint = computeFingerprint(Odd, "fread(buf, 1, n, f);", 1);
  R.Findings.push_back(Odd);

  // Runtime detectors: one with a static twin, one with no known position.
  Finding SelfWait;
  SelfWait.Check = "concur-rt-pool-self-wait";
  SelfWait.Message = "task on pool 'workers' waits on a future of the same pool";
  SelfWait.Loc = {"/src/jobs.cpp", 88, 0};
  SelfWait.Function = "jobs::run";
  SelfWait.Notes = {{"the awaited task was submitted here", {"/src/jobs.cpp", 80, 12}}};
  R.Findings.push_back(SelfWait);

  Finding Blocked;
  Blocked.Check = "concur-rt-blocked-loop";
  Blocked.Severity = "note";
  Blocked.Message = "event loop step took 250 ms (threshold 100 ms)";
  Blocked.Notes = {{"the step ran callback 'on_timer'", {}}};
  R.Findings.push_back(Blocked);

  // concur merge: a static finding a ThreadSanitizer run confirmed, and one
  // only the run saw (concur import-tsan).
  Finding Confirmed{
      .Check = "concur-unguarded-shared-state",
      .Message = "shared 'hits' is written on two threads with no lock held",
      .Loc = {"/src/stats.cpp", 15, 3},
      .Notes = {{"confirmed at run time by ThreadSanitizer [concur-tsan-data-race]: "
                 "data race on global 'hits' of size 4",
                 {"/src/stats.cpp", 15, 8}}},
      .Function = "record",
      .Evidence = {"static", "tsan"}};
  Finding Leak{.Check = "concur-tsan-thread-leak",
               .Message = "ThreadSanitizer: thread leak: thread T5 created by main thread "
                          "is neither joined nor detached",
               .Loc = {"/src/stats.cpp", 52, 3},
               .Function = "main",
               .Evidence = {"tsan"}};
  Confirmed.Fingerprint = computeFingerprint(Confirmed, "  hits = hits + 1;", 0);
  Leak.Fingerprint = computeFingerprint(Leak, "pthread_create(&poller, nullptr, poll, 0);", 0);
  R.Findings.push_back(Confirmed);
  R.Findings.push_back(Leak);

  R.Errors = {{"/src/broken.cpp", "expected ';' after expression"},
              {"", "compile_commands.json lists no files"}};
  R.Stats = {.Files = 5, .FilesFailed = 1, .Seconds = 1.25};
  sortReport(R);
  return R;
}

std::vector<RuleInfo> sampleRules() {
  std::vector<RuleInfo> Rules = staticRules("https://concur.invalid/docs/checks/");
  Rules.push_back({.Id = "concur-pool-self-wait",
                   .Summary = "a task on pool P blocks on a future of pool P",
                   .HelpUri = "https://concur.invalid/docs/checks/concur-pool-self-wait.md",
                   .Description = "Waiting on a task of the same pool from inside "
                                  "the pool can deadlock once every worker waits.",
                   .DefaultLevel = "error"});
  return Rules;
}

int usage() {
  std::cerr << "usage: concur_report_samples json|jsonl|sarif|text [--empty] OUT\n"
               "       concur_report_samples reformat|reformat-jsonl IN OUT\n";
  return 2;
}

/// Runs \p Write on the output named \p Path ('-' is stdout).
template <typename Fn> int withOutput(const std::string &Path, Fn Write) {
  if (Path == "-") {
    Write(std::cout);
    return 0;
  }
  std::ofstream OS(Path, std::ios::binary);
  if (!OS) {
    std::cerr << "concur_report_samples: " << Path << ": cannot write\n";
    return 2;
  }
  Write(OS);
  return 0;
}

int reformat(const std::string &In, const std::string &Out, bool Lines) {
  std::ifstream IS(In, std::ios::binary);
  if (!IS) {
    std::cerr << "concur_report_samples: " << In << ": cannot read\n";
    return 2;
  }
  try {
    if (!Lines) {
      Report R = readJson(IS);
      return withOutput(Out, [&](std::ostream &OS) { writeJson(R, OS); });
    }
    std::vector<Finding> Findings;
    std::string Line;
    for (unsigned Number = 1; std::getline(IS, Line); ++Number) {
      try {
        Findings.push_back(readFindingJson(Line));
      } catch (const std::runtime_error &E) {
        throw std::runtime_error(std::to_string(Number) + ": " + E.what());
      }
    }
    return withOutput(Out, [&](std::ostream &OS) {
      for (const Finding &F : Findings)
        writeFindingJsonLine(F, OS);
    });
  } catch (const std::runtime_error &E) {
    std::cerr << In << ":" << (Lines ? "" : " ") << E.what() << '\n';
    return 1;
  }
}

} // namespace

int main(int Argc, char **Argv) {
  std::vector<std::string> Args(Argv + 1, Argv + Argc);
  if (Args.size() == 3 && (Args[0] == "reformat" || Args[0] == "reformat-jsonl"))
    return reformat(Args[1], Args[2], Args[0] == "reformat-jsonl");

  bool Empty = Args.size() == 3 && Args[1] == "--empty";
  if (Args.size() != 2 && !Empty)
    return usage();
  const std::string &Format = Args[0];
  if (Format != "json" && Format != "jsonl" && Format != "sarif" &&
      Format != "text")
    return usage();
  Report R = sampleReport();
  if (Empty) {
    R.Findings.clear();
    R.Errors.clear();
    R.Stats = {};
  }
  return withOutput(Args.back(), [&](std::ostream &OS) {
    if (Format == "json")
      writeJson(R, OS);
    else if (Format == "sarif")
      writeSarif(R, sampleRules(), OS);
    else if (Format == "text")
      writeText(R, OS);
    else
      for (const Finding &F : R.Findings)
        writeFindingJsonLine(F, OS);
  });
}
