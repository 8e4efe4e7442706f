//===- ReportTest.cpp - Unit tests of the report library ------------------===//
#include "report/FileUri.h"
#include "report/Report.h"
#include "RepeatedFunctions.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>
#include <stdexcept>

using namespace concur::report;
using Json = nlohmann::json;

namespace {

Finding makeFinding(std::string Check, std::string File, unsigned Line,
                    unsigned Column, std::string Message) {
  Finding F;
  F.Check = std::move(Check);
  F.Message = std::move(Message);
  F.Loc = {std::move(File), Line, Column};
  return F;
}

/// A report using every field, with values that need escaping.
Report richReport() {
  Report R;
  R.ToolVersion = "0.1.0";
  Finding F = makeFinding("concur-blocking-call-in-coroutine", "/src/a.cpp", 42, 7,
                          "blocking call 'sleep_for' in \"coroutine\" 'f'");
  F.Function = "ns::f";
  F.Notes = {{"'f' calls 'g'", {"/src/a.cpp", 40, 3}},
             {"'g' calls 'sleep_for'", {"/src/b.h", 12, 5}}};
  F.Fixes = {{"/src/a.cpp", 100, 9, "co_await sleep(1s)"},
             {"/src/b.h", 0, 0, "#include <x>\n"}};
  F.Fingerprint = computeFingerprint(F, "sleep_for(1s);", 0);
  R.Findings.push_back(F);
  Finding Runtime = makeFinding("concur-rt-blocked-loop", "", 0, 0, "loop blocked 250 ms");
  Runtime.Severity = "note";
  R.Findings.push_back(Runtime);
  R.Errors = {{"/src/bad.cpp", "expected ';' after expression"}};
  R.Stats = {.Files = 3, .FilesFailed = 1, .Seconds = 0.75};
  return R;
}

std::string toText(const Report &R) {
  std::ostringstream OS;
  writeText(R, OS);
  return OS.str();
}

std::string toJson(const Report &R) {
  std::ostringstream OS;
  writeJson(R, OS);
  return OS.str();
}

Json toSarif(const Report &R, const std::vector<RuleInfo> &Rules) {
  std::ostringstream OS;
  writeSarif(R, Rules, OS);
  return Json::parse(OS.str());
}

Report fromJson(const std::string &Text) {
  std::istringstream IS(Text);
  return readJson(IS);
}

/// The message readJson throws for \p Text, or "" when it parses.
std::string readError(const std::string &Text) {
  try {
    fromJson(Text);
  } catch (const std::runtime_error &E) {
    return E.what();
  }
  return "";
}

/// The rich report as JSON with the value at \p Pointer replaced (or removed
/// when \p Value is discarded), for malformed-input tests.
std::string mutated(const std::string &Pointer, const Json &Value,
                    const Report &Base = richReport()) {
  Json J = Json::parse(toJson(Base));
  if (Value.is_discarded())
    J.at(Json::json_pointer(Pointer).parent_pointer())
        .erase(Json::json_pointer(Pointer).back());
  else
    J[Json::json_pointer(Pointer)] = Value;
  return J.dump();
}

const Json Removed = Json::value_t::discarded;

//===--- Text -------------------------------------------------------------===//

TEST(TextWriter, ClangTidyStyleLines) {
  EXPECT_EQ(toText(richReport()),
            "/src/a.cpp:42:7: warning: blocking call 'sleep_for' in \"coroutine\" 'f' "
            "[concur-blocking-call-in-coroutine]\n"
            "/src/a.cpp:40:3: note: 'f' calls 'g'\n"
            "/src/b.h:12:5: note: 'g' calls 'sleep_for'\n"
            "note: loop blocked 250 ms [concur-rt-blocked-loop]\n"
            "/src/bad.cpp: error: expected ';' after expression\n"
            "concur: 2 findings in 1 file, 3 files analysed (1 failed) in 0.8 s\n");
}

TEST(TextWriter, LeavesOutUnknownColumnAndFoldsNewlines) {
  Report R;
  R.Findings.push_back(makeFinding("concur-x", "a.cpp", 3, 0, "first\nsecond"));
  R.Errors.push_back({"", "no input files"});
  R.Stats = {.Files = 1, .FilesFailed = 0, .Seconds = 12.04};
  EXPECT_EQ(toText(R), "a.cpp:3: warning: first second [concur-x]\n"
                       "error: no input files\n"
                       "concur: 1 finding in 1 file, 1 file analysed in 12.0 s\n");
}

TEST(TextWriter, CleanRunSummary) {
  Report R;
  R.Stats = {.Files = 0, .FilesFailed = 0, .Seconds = 0};
  EXPECT_EQ(toText(R), "concur: no findings, 0 files analysed in 0.0 s\n");
}

//===--- JSON -------------------------------------------------------------===//

TEST(JsonReport, RoundTripsEveryField) {
  Report Original = richReport();
  std::string Text = toJson(Original);
  Report Read = fromJson(Text);
  EXPECT_EQ(Read, Original);
  EXPECT_EQ(toJson(Read), Text);
}

TEST(JsonReport, FilesCachedOnlyWhenTheCacheServedSome) {
  // A run without the cache writes the stats it always wrote.
  Report R = richReport();
  EXPECT_EQ(toJson(R).find("files_cached"), std::string::npos);
  R.Stats.FilesCached = 2;
  std::string Text = toJson(R);
  EXPECT_NE(Text.find("\"files_cached\": 2"), std::string::npos);
  EXPECT_EQ(fromJson(Text), R);
}

TEST(JsonReport, RoundTripNoticesAChangedField) {
  // Guards the equality the round-trip test relies on.
  Report Changed = fromJson(toJson(richReport()));
  Changed.Findings[0].Notes[1].Loc.Column = 6;
  EXPECT_NE(Changed, richReport());
}

TEST(JsonReport, ExactPrettyPrintedLayout) {
  Report R;
  R.ToolVersion = "1.2";
  Finding F = makeFinding("concur-x", "a.cpp", 1, 2, "m");
  F.Notes = {{"n", {"b.h", 3, 4}}};
  F.Fixes = {{"a.cpp", 5, 6, "t"}};
  F.Function = "f";
  F.Fingerprint = "0123456789abcdef";
  R.Findings.push_back(F);
  R.Stats = {.Files = 1, .FilesFailed = 0, .Seconds = 0.5};
  EXPECT_EQ(toJson(R), R"({
  "tool": {
    "name": "concur",
    "version": "1.2"
  },
  "findings": [
    {
      "check": "concur-x",
      "severity": "warning",
      "message": "m",
      "location": {
        "file": "a.cpp",
        "line": 1,
        "column": 2
      },
      "notes": [
        {
          "message": "n",
          "location": {
            "file": "b.h",
            "line": 3,
            "column": 4
          }
        }
      ],
      "function": "f",
      "fingerprint": "0123456789abcdef",
      "fixes": [
        {
          "file": "a.cpp",
          "offset": 5,
          "length": 6,
          "text": "t"
        }
      ]
    }
  ],
  "errors": [],
  "stats": {
    "files": 1,
    "files_failed": 0,
    "seconds": 0.5
  }
}
)");
}

TEST(JsonReport, InvalidUtf8IsReplacedNotFatal) {
  Report R;
  R.Findings.push_back(makeFinding("concur-x", "caf\xe9.cpp", 1, 1, "bad \xff byte"));
  std::string Text;
  ASSERT_NO_THROW(Text = toJson(R));
  Report Read = fromJson(Text);
  EXPECT_EQ(Read.Findings[0].Message, "bad \xef\xbf\xbd byte");
}

TEST(JsonReport, AcceptsAFindingWithOnlyTheRequiredKeys) {
  Json J = Json::parse(toJson(richReport()));
  J["findings"] = Json::array({Json::parse(R"({"check": "concur-rt-blocked-loop",
      "severity": "warning", "message": "m",
      "location": {"file": "", "line": 0, "column": 0}})")});
  Report R = fromJson(J.dump());
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_TRUE(R.Findings[0].Notes.empty());
  EXPECT_TRUE(R.Findings[0].Fingerprint.empty());
}

struct MalformedCase {
  std::string Pointer;
  Json Value;
  std::string Expected;
};

TEST(JsonReport, RejectsMalformedInputNamingTheField) {
  const std::vector<MalformedCase> Cases = {
      {"/findings/0/location/line", "12",
       "findings[0].location.line: expected an integer, got a string"},
      {"/findings/1/location/column", -1,
       "findings[1].location.column: expected a non-negative integer, got -1"},
      {"/findings/0/location/line", 1.5,
       "findings[0].location.line: expected an integer, got 1.5"},
      {"/findings/0/fixes/1/offset", 4294967296ULL,
       "findings[0].fixes[1].offset: integer out of range, got 4294967296"},
      {"/findings/0/severity", "fatal",
       "findings[0].severity: expected \"warning\", \"error\" or \"note\", got \"fatal\""},
      {"/findings/0/colour", "red", "findings[0].colour: unknown key"},
      {"/findings/0/notes/1/message", Removed,
       "findings[0].notes[1]: missing required key \"message\""},
      {"/findings/0/notes", Json::object(),
       "findings[0].notes: expected an array, got an object"},
      {"/findings/0/check", "", "findings[0].check: expected a non-empty string"},
      {"/findings/0/fingerprint", "XYZ",
       "findings[0].fingerprint: expected 16 lowercase hex digits or an empty "
       "string, got \"XYZ\""},
      {"/findings/1", nullptr, "findings[1]: expected an object, got null"},
      {"/errors/0/message", true, "errors[0].message: expected a string, got a boolean"},
      {"/stats/seconds", "fast", "stats.seconds: expected a number, got a string"},
      {"/stats/files_failed", Removed, "stats: missing required key \"files_failed\""},
      {"/tool/name", 7, "tool.name: expected a string, got 7"},
      {"/findings", Removed, "report: missing required key \"findings\""},
  };
  for (const MalformedCase &C : Cases) {
    SCOPED_TRACE(C.Pointer);
    EXPECT_EQ(readError(mutated(C.Pointer, C.Value)), C.Expected);
  }
}

/// A shard's report: one TU summary using every field, lock facts included.
Report shardReport() {
  Report R = richReport();
  TranslationUnitSummary TU;
  TU.File = "/src/bank.cpp";
  TU.EnabledChecks = {"concur-lock-order-inversion"};
  SummaryCall Audit{"c:@F@audit_record#", "audit_record", "/src/bank.cpp", 9, 3};
  LockPath Held{{"accounts_mu", "accounts_mu"}, {}, "/src/bank.cpp", 7, 31};
  LockPath OnEntry{{"Ledger::mu@/src/bank.cpp", "Ledger::mu"}, {}, "", 0, 0};
  FunctionSummary F;
  F.Usr = "c:@F@transfer#";
  F.Name = "transfer";
  F.File = "/src/bank.cpp";
  F.Line = 6;
  F.Column = 6;
  F.BlockingEntry = "usleep";
  F.BlockingCategory = "sleep";
  F.Alternative = "co_await a timer";
  F.BlockingChain = {Audit};
  F.ReachedCalls = {{{Audit}, {Held, OnEntry}}, {{Audit}, {}}};
  F.Acquires = {Held};
  F.MainThreadOnly = true;
  SharedAccessSummary Count{{"requests", "requests"}, "update", {Audit}, "/src/stats.cpp", 4, 26,
                            {"accounts_mu"}};
  Count.FindingFunction = "count_request";
  Count.TestedFile = "/src/stats.cpp";
  Count.TestedLine = 3;
  Count.TestedColumn = 7;
  F.Accesses = {Count};
  F.FindingFunction = "transfer";
  TU.Functions = {F};
  TU.Spawns = {{"handle", "/src/server.cpp", 6, 15, {Count}, {{{Audit}, {}}}, {0, 1}},
               {"lambda", "/src/server.cpp", 6, 29, {}, {}, {0}}};
  LockPath Acquired{{"audit_mu", "audit_mu"}, {Audit}, "/src/audit.cpp", 4, 61};
  TU.LockEdges = {{"transfer", false, Held, Acquired, {"accounts_mu", "gate"}, "transfer"}};
  TU.Options.Races = RaceOptions{false, 1};
  TU.Options.Blocking = BlockingOptions{"db::query=io", "usleep", true, 5};
  TU.Options.LockOrder = LockOrderOptions{2, 3};
  TU.NoLint = {{"/src/stats.cpp", 4, 9, "concur-unguarded-shared-state,misc-*"}};
  R.Summaries = {TU};
  return R;
}

TEST(JsonReport, RoundTripsSummariesWithLockAndRaceFacts) {
  Report Original = shardReport();
  std::string Text = toJson(Original);
  Report Read = fromJson(Text);
  EXPECT_EQ(Read, Original);
  EXPECT_EQ(toJson(Read), Text);
  // A lock held on entry has no location; the others do.
  Json J = Json::parse(Text);
  const Json &Held = J["summaries"][0]["functions"][0]["calls"][0]["held"];
  EXPECT_TRUE(Held[0].contains("location"));
  EXPECT_FALSE(Held[1].contains("location"));
}

TEST(JsonReport, RejectsMalformedSummaryFactsNamingTheField) {
  const std::string Fn = "/summaries/0/functions/0";
  const std::vector<MalformedCase> Cases = {
      {Fn + "/acquires/0/lock/key", "",
       "summaries[0].functions[0].acquires[0].lock.key: expected a non-empty string"},
      {Fn + "/calls/0/path", Json::array(),
       "summaries[0].functions[0].calls[0].path: expected at least one call"},
      {Fn + "/calls/0/held/0/hops", Removed,
       "summaries[0].functions[0].calls[0].held[0]: missing required key \"hops\""},
      {Fn + "/main_thread_only", "yes",
       "summaries[0].functions[0].main_thread_only: expected true or false, got a string"},
      {"/summaries/0/lock_edges/0/held_there/1", 3,
       "summaries[0].lock_edges[0].held_there[1]: expected a string, got 3"},
      {Fn + "/accesses/0/kind", "modify",
       "summaries[0].functions[0].accesses[0].kind: expected \"read\", \"write\" or "
       "\"update\", got \"modify\""},
      {"/summaries/0/spawns/1/concurrent_with/0", 2,
       "summaries[0].spawns[1].concurrent_with: index 2 is not a spawn of this unit"},
      {"/summaries/0/spawns/0/concurrent_with/1", -1,
       "summaries[0].spawns[0].concurrent_with[1]: expected a non-negative integer, got -1"},
      {"/summaries/0/lock_edges/0/acquired", Removed,
       "summaries[0].lock_edges[0]: missing required key \"acquired\""},
  };
  for (const MalformedCase &C : Cases) {
    SCOPED_TRACE(C.Pointer);
    EXPECT_EQ(readError(mutated(C.Pointer, C.Value, shardReport())), C.Expected);
  }
}

TEST(JsonReport, RejectsInvalidJsonOnOneLine) {
  for (const std::string Text : {"", "[]", "{\"tool\": ", "{}\n{}", "{\n\"a\":\n}"}) {
    SCOPED_TRACE(Text);
    std::string Error = readError(Text);
    EXPECT_FALSE(Error.empty());
    EXPECT_EQ(Error.find('\n'), std::string::npos);
  }
  EXPECT_EQ(readError("[]"), "report: expected an object, got an array");
  EXPECT_EQ(readError("{\n\"a\":\n}").rfind("invalid JSON: parse error at line 3", 0), 0u)
      << readError("{\n\"a\":\n}");
}

TEST(JsonReport, FindingLineRoundTripsAndIsOneLine) {
  Finding F = richReport().Findings[0];
  std::ostringstream OS;
  writeFindingJsonLine(F, OS);
  std::string Line = OS.str();
  ASSERT_FALSE(Line.empty());
  EXPECT_EQ(Line.back(), '\n');
  EXPECT_EQ(std::count(Line.begin(), Line.end(), '\n'), 1);
  EXPECT_EQ(readFindingJson(Line), F);
}

TEST(JsonReport, FindingReaderNamesTheField) {
  try {
    readFindingJson(R"({"check": "concur-rt-x", "severity": "warning", "message": "m",
                        "location": {"file": "a.cpp", "line": "1", "column": 0}})");
    FAIL() << "accepted a string line";
  } catch (const std::runtime_error &E) {
    EXPECT_STREQ(E.what(), "finding.location.line: expected an integer, got a string");
  }
}

//===--- Fingerprint ------------------------------------------------------===//

TEST(Fingerprint, MatchesIndependentFnv1a) {
  // Computed outside this code base; a change here invalidates every user's
  // baseline and SARIF history, so it must be deliberate.
  Finding F = makeFinding("concur-blocking-call-in-coroutine", "x.cpp", 1, 1, "m");
  F.Function = "net::fetch";
  EXPECT_EQ(computeFingerprint(F, "std::this_thread::sleep_for(1s);", 0),
            "743092a0957c3c36");
}

TEST(Fingerprint, StableUnderLineShiftAndReindent) {
  Finding Before = makeFinding("concur-x", "a.cpp", 10, 5, "m");
  Before.Function = "f";
  Finding After = Before;
  After.Loc.Line = 57;
  After.Loc.Column = 9;
  After.Message = "reworded message";
  std::string Fp = computeFingerprint(Before, "  lock(m);  x = 1;", 0);
  EXPECT_EQ(computeFingerprint(After, "\tlock(m);\t x = 1;\r", 0), Fp);
  EXPECT_EQ(computeFingerprint(After, "lock(m); x = 1;", 0), Fp);
  EXPECT_EQ(Fp.size(), 16u);
  EXPECT_TRUE(std::all_of(Fp.begin(), Fp.end(), [](char C) {
    return std::isdigit(static_cast<unsigned char>(C)) || (C >= 'a' && C <= 'f');
  }));
}

TEST(Fingerprint, FoldSourceLineTrimsAndCollapsesWhitespace) {
  EXPECT_EQ(foldSourceLine(" \t lock(m);  \t x =\t1; \r\n"), "lock(m); x = 1;");
  EXPECT_EQ(foldSourceLine("   "), "");
  EXPECT_EQ(foldSourceLine("a"), "a");
}

TEST(Fingerprint, ChangesWithCodeCheckFunctionAndOccurrence) {
  Finding F = makeFinding("concur-x", "a.cpp", 10, 5, "m");
  F.Function = "f";
  std::string Fp = computeFingerprint(F, "lock(m);", 0);
  EXPECT_NE(computeFingerprint(F, "lock(n);", 0), Fp);
  EXPECT_NE(computeFingerprint(F, "lock(m);", 1), Fp);
  Finding OtherCheck = F;
  OtherCheck.Check = "concur-y";
  EXPECT_NE(computeFingerprint(OtherCheck, "lock(m);", 0), Fp);
  Finding OtherFunction = F;
  OtherFunction.Function = "g";
  EXPECT_NE(computeFingerprint(OtherFunction, "lock(m);", 0), Fp);
  // Field boundaries matter: ("ab", "c") is not ("a", "bc").
  Finding A = F, B = F;
  A.Check = "ab";
  A.Function = "c";
  B.Check = "a";
  B.Function = "bc";
  EXPECT_NE(computeFingerprint(A, "", 0), computeFingerprint(B, "", 0));
}

//===--- Sorting ----------------------------------------------------------===//

std::vector<Finding> unorderedFindings() {
  Finding WithNoteB = makeFinding("concur-a", "b.cpp", 1, 1, "m");
  WithNoteB.Notes = {{"n", {"z.h", 1, 1}}};
  Finding WithNoteA = WithNoteB;
  WithNoteA.Notes = {{"n", {"y.h", 1, 1}}};
  return {makeFinding("concur-a", "b.cpp", 10, 1, "m"),
          makeFinding("concur-b", "a.cpp", 2, 3, "m"),
          makeFinding("concur-a", "a.cpp", 2, 3, "z"),
          makeFinding("concur-a", "a.cpp", 2, 3, "m"),
          makeFinding("concur-a", "a.cpp", 2, 1, "m"),
          makeFinding("concur-a", "b.cpp", 9, 1, "m"),
          WithNoteB,
          WithNoteA};
}

TEST(SortReport, OrdersByFileLineColumnCheckMessage) {
  Report R;
  R.Findings = unorderedFindings();
  R.Errors = {{"z.cpp", "e"}, {"a.cpp", "e2"}, {"a.cpp", "e1"}};
  sortReport(R);
  std::vector<std::string> Order;
  for (const Finding &F : R.Findings)
    Order.push_back(F.Loc.File + ":" + std::to_string(F.Loc.Line) + ":" +
                    std::to_string(F.Loc.Column) + " " + F.Check + " " + F.Message +
                    (F.Notes.empty() ? "" : " " + F.Notes[0].Loc.File));
  EXPECT_EQ(Order, (std::vector<std::string>{
                       "a.cpp:2:1 concur-a m", "a.cpp:2:3 concur-a m",
                       "a.cpp:2:3 concur-a z", "a.cpp:2:3 concur-b m",
                       "b.cpp:1:1 concur-a m y.h", "b.cpp:1:1 concur-a m z.h",
                       "b.cpp:9:1 concur-a m", "b.cpp:10:1 concur-a m"}));
  EXPECT_EQ(R.Errors, (std::vector<InputError>{
                          {"a.cpp", "e1"}, {"a.cpp", "e2"}, {"z.cpp", "e"}}));
}

TEST(SortReport, IndependentOfInputOrder) {
  Report Reference;
  Reference.Findings = unorderedFindings();
  sortReport(Reference);
  std::vector<Finding> Permuted = unorderedFindings();
  std::sort(Permuted.begin(), Permuted.end(),
            [](const Finding &A, const Finding &B) { return A.Message < B.Message; });
  for (int Round = 0; Round < 40; ++Round) {
    std::rotate(Permuted.begin(), Permuted.begin() + 3, Permuted.end());
    if (Round % 2)
      std::reverse(Permuted.begin(), Permuted.end());
    Report R;
    R.Findings = Permuted;
    sortReport(R);
    ASSERT_EQ(R.Findings, Reference.Findings) << "round " << Round;
  }
}

TEST(SortReport, RemoveDuplicatesKeepsDistinctWarnings) {
  Report R;
  R.Findings = unorderedFindings();
  std::vector<Finding> Again = unorderedFindings();
  R.Findings.insert(R.Findings.end(), Again.begin(), Again.end());
  // Every copy goes, and so does WithNoteB: the same warning at the same
  // place as WithNoteA, only reached along another path.
  EXPECT_EQ(removeDuplicateFindings(R), Again.size() + 1);
  EXPECT_EQ(R.Findings.size(), Again.size() - 1);
}

TEST(SortReport, OneHeaderWarningReachedFromTwoTUsIsReportedOnce) {
  Finding FromA;
  FromA.Check = "concur-unguarded-shared-state";
  FromA.Message = "shared 'x' is written on two threads";
  FromA.Loc = {"/src/shared.h", 10, 3};
  FromA.Notes = {{"thread entry 'a' starts here", {"/src/a.cpp", 5, 1}}};
  Finding FromB = FromA;
  FromB.Notes = {{"thread entry 'b' starts here", {"/src/b.cpp", 7, 1}}};
  Finding Other = FromA;
  Other.Loc.Line = 11;
  Report R;
  R.Findings = {FromB, Other, FromA};
  EXPECT_EQ(removeDuplicateFindings(R), 1u);
  ASSERT_EQ(R.Findings.size(), 2u);
  EXPECT_EQ(R.Findings[0], FromA); // first in sort order: a.cpp's notes
  EXPECT_EQ(R.Findings[1], Other);
}

//===--- SARIF ------------------------------------------------------------===//

std::vector<RuleInfo> testRules() {
  return {{.Id = "concur-blocking-call-in-coroutine",
           .Summary = "blocking call in coroutine",
           .HelpUri = "https://docs.invalid/checks/concur-blocking-call-in-coroutine.md"},
          {.Id = "concur-blocked-loop",
           .Summary = "the loop is blocked",
           .HelpUri = "https://docs.invalid/checks/concur-blocked-loop.md",
           .Description = "Long steps starve every other task.",
           .DefaultLevel = "error"},
          {.Id = "concur-unused", .Summary = "never fires", .HelpUri = ""}};
}

/// Every object under \p J that has key \p Key, depth-first.
void collect(const Json &J, const std::string &Key, std::vector<Json> &Out) {
  if (J.is_object()) {
    if (J.contains(Key))
      Out.push_back(J.at(Key));
    for (const auto &[K, V] : J.items())
      collect(V, Key, Out);
  } else if (J.is_array()) {
    for (const Json &V : J)
      collect(V, Key, Out);
  }
}

TEST(SarifWriter, RulesAndRuleIndexAgree) {
  Report R = richReport();
  R.Findings.push_back(makeFinding("concur-rt-zeta", "/src/z.cpp", 1, 1, "m"));
  Json Log = toSarif(R, testRules());
  EXPECT_EQ(Log["version"], "2.1.0");
  ASSERT_EQ(Log["runs"].size(), 1u);
  const Json &Run = Log["runs"][0];
  const Json &Rules = Run["tool"]["driver"]["rules"];
  std::vector<std::string> Ids;
  for (const Json &Rule : Rules)
    Ids.push_back(Rule["id"]);
  // Listed rules keep their order; unlisted ids follow, sorted.
  EXPECT_EQ(Ids, (std::vector<std::string>{"concur-blocking-call-in-coroutine",
                                           "concur-blocked-loop", "concur-unused",
                                           "concur-rt-blocked-loop", "concur-rt-zeta"}));
  const Json &Results = Run["results"];
  ASSERT_EQ(Results.size(), R.Findings.size());
  for (std::size_t I = 0; I < Results.size(); ++I) {
    EXPECT_EQ(Results[I]["ruleId"], R.Findings[I].Check);
    EXPECT_EQ(Rules.at(Results[I]["ruleIndex"].get<std::size_t>())["id"],
              Results[I]["ruleId"]);
  }
  EXPECT_EQ(Rules[1]["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(Rules[1]["fullDescription"]["text"], "Long steps starve every other task.");
  // Without a description of its own, fullDescription still differs from
  // shortDescription (GitHub shows both).
  EXPECT_EQ(Rules[0]["fullDescription"]["text"],
            "concur check concur-blocking-call-in-coroutine: blocking call in coroutine.");
  EXPECT_EQ(Rules[0]["help"]["text"], Rules[0]["fullDescription"]["text"]);
  EXPECT_FALSE(Rules[2].contains("helpUri"));
  // concur-rt-blocked-loop borrows the page of its static twin.
  EXPECT_EQ(Rules[3]["helpUri"], "https://docs.invalid/checks/concur-blocked-loop.md");
  EXPECT_FALSE(Rules[4].contains("helpUri"));
  EXPECT_EQ(Run["tool"]["driver"]["informationUri"], "https://docs.invalid/checks/");
}

TEST(SarifWriter, NotesBecomeRelatedLocationsAndACodeFlow) {
  Report R = richReport();
  const Json Result = toSarif(R, testRules())["runs"][0]["results"][0];
  const Json &Related = Result["relatedLocations"];
  ASSERT_EQ(Related.size(), 2u);
  EXPECT_EQ(Related[0]["id"], 1);
  EXPECT_EQ(Related[1]["id"], 2);
  EXPECT_EQ(Related[1]["message"]["text"], "'g' calls 'sleep_for'");
  EXPECT_EQ(Related[1]["physicalLocation"]["artifactLocation"]["uri"], "file:///src/b.h");
  EXPECT_EQ(Related[1]["physicalLocation"]["region"],
            Json::parse(R"({"startLine": 12, "startColumn": 5, "endLine": 12, "endColumn": 6})"));

  ASSERT_EQ(Result["codeFlows"].size(), 1u);
  const Json &Steps = Result["codeFlows"][0]["threadFlows"][0]["locations"];
  ASSERT_EQ(Steps.size(), 3u);
  EXPECT_EQ(Steps[0]["location"]["message"]["text"], "'f' calls 'g'");
  EXPECT_EQ(Steps[2]["location"]["physicalLocation"],
            Result["locations"][0]["physicalLocation"]);
  EXPECT_EQ(Result["locations"][0]["physicalLocation"]["region"]["startLine"], 42);
  EXPECT_EQ(Result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"], "ns::f");
  EXPECT_EQ(Result["partialFingerprints"]["concur/v1"], R.Findings[0].Fingerprint);
  EXPECT_EQ(Result["partialFingerprints"]["primaryLocationLineHash"], R.Findings[0].Fingerprint);
}

TEST(SarifWriter, NoCodeFlowOrRegionWithoutNotesOrLine) {
  Report R;
  R.Findings.push_back(makeFinding("concur-x", "rel dir/a#b.cpp", 0, 0, "m"));
  R.Findings.push_back(makeFinding("concur-x", "a.cpp", 7, 0, "m"));
  const Json Results = toSarif(R, {})["runs"][0]["results"];
  EXPECT_FALSE(Results[0].contains("codeFlows"));
  EXPECT_FALSE(Results[0].contains("relatedLocations"));
  EXPECT_FALSE(Results[0].contains("partialFingerprints"));
  const Json &Physical = Results[0]["locations"][0]["physicalLocation"];
  EXPECT_FALSE(Physical.contains("region"));
  EXPECT_EQ(Physical["artifactLocation"]["uri"], "rel%20dir/a%23b.cpp");
  EXPECT_EQ(Results[1]["locations"][0]["physicalLocation"]["region"],
            Json::parse(R"({"startLine": 7, "endLine": 7})"));
}

TEST(SarifWriter, FixesGroupReplacementsPerFile) {
  const Json Fixes = toSarif(richReport(), {})["runs"][0]["results"][0]["fixes"];
  ASSERT_EQ(Fixes.size(), 1u);
  const Json &Changes = Fixes[0]["artifactChanges"];
  ASSERT_EQ(Changes.size(), 2u);
  EXPECT_EQ(Changes[0]["artifactLocation"]["uri"], "file:///src/a.cpp");
  EXPECT_EQ(Changes[0]["replacements"][0], Json::parse(R"json({
      "deletedRegion": {"byteOffset": 100, "byteLength": 9},
      "insertedContent": {"text": "co_await sleep(1s)"}})json"));
  EXPECT_EQ(Changes[1]["artifactLocation"]["uri"], "file:///src/b.h");
}

TEST(SarifWriter, ArtifactIndicesPointAtTheirUris) {
  Json Run = toSarif(richReport(), {})["runs"][0];
  std::vector<Json> Locations;
  collect(Run, "artifactLocation", Locations);
  ASSERT_GE(Locations.size(), 6u);
  for (const Json &L : Locations)
    EXPECT_EQ(Run["artifacts"].at(L["index"].get<std::size_t>())["location"]["uri"],
              L["uri"]);
  EXPECT_EQ(Run["artifacts"].size(), 3u); // a.cpp, b.h, bad.cpp
}

TEST(SarifWriter, ErrorsMakeTheInvocationUnsuccessful) {
  Report R = richReport();
  Json Invocation = toSarif(R, {})["runs"][0]["invocations"][0];
  EXPECT_EQ(Invocation["executionSuccessful"], false);
  ASSERT_EQ(Invocation["toolExecutionNotifications"].size(), 1u);
  EXPECT_EQ(Invocation["toolExecutionNotifications"][0]["message"]["text"],
            "expected ';' after expression");
  EXPECT_EQ(Invocation["toolExecutionNotifications"][0]["level"], "error");

  R.Errors.clear();
  Invocation = toSarif(R, {})["runs"][0]["invocations"][0];
  EXPECT_EQ(Invocation["executionSuccessful"], true);
  EXPECT_FALSE(Invocation.contains("toolExecutionNotifications"));
}

TEST(SarifWriter, ExplicitInformationUriWins) {
  std::ostringstream OS;
  writeSarif(Report{}, testRules(), OS,
             SarifOptions{.InformationUri = "https://concur.invalid/"});
  EXPECT_EQ(Json::parse(OS.str())["runs"][0]["tool"]["driver"]["informationUri"],
            "https://concur.invalid/");
  EXPECT_FALSE(toSarif(Report{}, {})["runs"][0]["tool"]["driver"].contains(
      "informationUri"));
}

TEST(FileUri, EncodesPathsAsUris) {
  EXPECT_EQ(pathToUri("/src/a.cpp"), "file:///src/a.cpp");
  EXPECT_EQ(pathToUri("/a b/c%d#e?.cpp"), "file:///a%20b/c%25d%23e%3F.cpp");
  EXPECT_EQ(pathToUri("caf\xc3\xa9.cpp"), "caf%C3%A9.cpp");
  EXPECT_EQ(pathToUri("src/x:y.h"), "src/x%3Ay.h");
  EXPECT_EQ(pathToUri("C:\\work\\a.cpp"), "file:///C:/work/a.cpp");
}

//===--- Rules ------------------------------------------------------------===//

TEST(StaticRules, ComeFromCheckList) {
  std::vector<RuleInfo> Rules = staticRules("https://docs.invalid/checks/");
  ASSERT_FALSE(Rules.empty());
  std::set<std::string> Ids;
  for (const RuleInfo &Rule : Rules) {
    SCOPED_TRACE(Rule.Id);
    EXPECT_TRUE(Ids.insert(Rule.Id).second) << "duplicate id";
    EXPECT_EQ(Rule.Id.rfind("concur-", 0), 0u);
    EXPECT_NE(Rule.Id.rfind("concur-rt-", 0), 0u);
    EXPECT_FALSE(Rule.Summary.empty());
    EXPECT_EQ(Rule.HelpUri, "https://docs.invalid/checks/" + Rule.Id + ".md");
    // Everything GitHub code scanning shows comes with every rule.
    EXPECT_FALSE(Rule.Name.empty());
    EXPECT_FALSE(Rule.Description.empty());
    EXPECT_NE(Rule.Description, Rule.Summary);
    EXPECT_LE(Rule.Description.size(), 1024u);
    EXPECT_EQ(Rule.Description.find('\n'), std::string::npos);
    EXPECT_FALSE(Rule.HelpText.empty());
    EXPECT_FALSE(Rule.HelpMarkdown.empty());
    EXPECT_FALSE(Rule.Tags.empty());
    EXPECT_TRUE(Rule.Precision == "very-high" || Rule.Precision == "high" ||
                Rule.Precision == "medium" || Rule.Precision == "low");
    EXPECT_TRUE(Rule.ProblemSeverity == "error" || Rule.ProblemSeverity == "warning" ||
                Rule.ProblemSeverity == "recommendation");
  }
  EXPECT_TRUE(Ids.contains("concur-blocking-call-in-coroutine"));
}

TEST(StaticRules, HelpComesFromTheCheckPage) {
  std::vector<RuleInfo> Rules = staticRules("https://docs.invalid/concur/docs/checks");
  auto It = std::find_if(Rules.begin(), Rules.end(), [](const RuleInfo &R) {
    return R.Id == "concur-blocking-call-under-lock";
  });
  ASSERT_NE(It, Rules.end());
  EXPECT_EQ(It->Name, "BlockingCallUnderLock");
  EXPECT_EQ(It->HelpUri, "https://docs.invalid/concur/docs/checks/concur-blocking-call-under-lock.md");
  EXPECT_EQ(It->Description.rfind("Flags a call that parks the thread", 0), 0u);
  // The title line is gone; the rest of the page is there.
  EXPECT_EQ(It->HelpMarkdown.rfind("Flags a call", 0), 0u);
  EXPECT_NE(It->HelpMarkdown.find("## Why"), std::string::npos);
  EXPECT_NE(It->HelpText.find("\nWhy\n"), std::string::npos);
  EXPECT_EQ(It->HelpText.find("```"), std::string::npos);
  // Relative links resolve under the docs URL, "../" included.
  EXPECT_NE(It->HelpMarkdown.find(
                "(https://docs.invalid/concur/docs/blocking-call-catalog.md)"),
            std::string::npos);

  // Without a docs URL: no helpUri, and links keep only their text.
  for (const RuleInfo &R : staticRules("")) {
    EXPECT_TRUE(R.HelpUri.empty());
    for (auto At = R.HelpMarkdown.find("]("); At != std::string::npos;
         At = R.HelpMarkdown.find("](", At + 1))
      EXPECT_TRUE(R.HelpMarkdown.compare(At + 2, 4, "http") == 0 ||
                  R.HelpMarkdown[At + 2] == '#' ||
                  R.HelpMarkdown[At + 2] == 'i') // "[&](int fd)": a lambda in code
          << R.Id << ": " << R.HelpMarkdown.substr(At, 40);
    EXPECT_EQ(R.HelpMarkdown.find("file://"), std::string::npos) << R.Id;
  }
}

//===--- Source root, baseline state, determinism --------------------------===//

TEST(RelativePaths, OnlyPathsUnderTheRootBecomeRelative) {
  Report R = richReport();
  R.Findings[0].Notes.push_back({"outside", {"/usr/include/x.h", 1, 1}});
  R.Findings[0].Notes.push_back({"dotted", {"/src/sub/../c.h", 1, 1}});
  R.Findings[0].Notes.push_back({"prefix only", {"/srcother/d.h", 1, 1}});
  relativizePaths(R, "/src/");
  const Finding &F = R.Findings[0];
  EXPECT_EQ(F.Loc.File, "a.cpp");
  EXPECT_EQ(F.Notes[1].Loc.File, "b.h");
  EXPECT_EQ(F.Notes[2].Loc.File, "/usr/include/x.h");
  EXPECT_EQ(F.Notes[3].Loc.File, "c.h");
  EXPECT_EQ(F.Notes[4].Loc.File, "/srcother/d.h");
  EXPECT_EQ(F.Fixes[1].File, "b.h");
  EXPECT_EQ(R.Errors[0].File, "bad.cpp");
  EXPECT_EQ(R.Findings[1].Loc.File, ""); // unknown stays unknown
}

TEST(SarifWriter, RelativeUrisNameTheSourceRoot) {
  Report R = richReport();
  R.Findings[0].Notes.push_back({"outside", {"/usr/include/x.h", 1, 1}});
  relativizePaths(R, "/src");
  std::ostringstream OS;
  writeSarif(R, testRules(), OS, SarifOptions{.SourceRoot = "/src", .AutomationId = "concur/"});
  const Json Run = Json::parse(OS.str())["runs"][0];
  EXPECT_EQ(Run["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///src/");
  EXPECT_EQ(Run["automationDetails"]["id"], "concur/");
  const Json &Loc = Run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(Loc["uri"], "a.cpp");
  EXPECT_EQ(Loc["uriBaseId"], "%SRCROOT%");
  const Json &Outside = Run["results"][0]["relatedLocations"][2]["physicalLocation"];
  EXPECT_EQ(Outside["artifactLocation"]["uri"], "file:///usr/include/x.h");
  EXPECT_FALSE(Outside["artifactLocation"].contains("uriBaseId"));
  for (const Json &A : Run["artifacts"])
    EXPECT_EQ(A["location"].contains("uriBaseId"),
              !A["location"]["uri"].get<std::string>().starts_with("file:"));
}

TEST(SarifWriter, BaselineStateAndNoClockUnlessAsked) {
  Report R = richReport();
  Json Plain = toSarif(R, testRules());
  EXPECT_FALSE(Plain["runs"][0]["results"][0].contains("baselineState"));
  EXPECT_FALSE(Plain["runs"][0]["invocations"][0]["properties"].contains("seconds"));
  EXPECT_FALSE(Plain["runs"][0].contains("automationDetails"));
  EXPECT_EQ(Plain["runs"][0]["tool"]["driver"]["semanticVersion"], "0.1.0");

  R.Findings[0].BaselineState = "unchanged";
  R.Findings[1].BaselineState = "new";
  std::ostringstream OS;
  writeSarif(R, testRules(), OS, SarifOptions{.Timing = true});
  Json Log = Json::parse(OS.str());
  EXPECT_EQ(Log["runs"][0]["results"][0]["baselineState"], "unchanged");
  EXPECT_EQ(Log["runs"][0]["results"][1]["baselineState"], "new");
  EXPECT_EQ(Log["runs"][0]["invocations"][0]["properties"]["seconds"], 0.75);

  R.ToolVersion = "0.1"; // not semver: left out rather than invented
  EXPECT_FALSE(toSarif(R, {})["runs"][0]["tool"]["driver"].contains("semanticVersion"));
}

} // namespace

// A header's function summarised alike by two TUs of one configuration is
// kept once, in the first; a copy that differs, or a TU with other checks
// or options, keeps its own.
TEST(RepeatedFunctions, KeepsTheFirstOfEqualCopiesPerConfiguration) {
  using namespace concur::report;
  auto Unit = [](const std::string &File, bool MainThreadOnly) {
    TranslationUnitSummary TU;
    TU.File = File;
    TU.EnabledChecks = {"concur-lock-order-inversion"};
    TU.Options.LockOrder = LockOrderOptions();
    FunctionSummary F;
    F.Usr = "c:@F@inline_helper#";
    F.Name = "inline_helper";
    F.File = "/src/helper.h";
    F.Line = 3;
    F.MainThreadOnly = MainThreadOnly;
    TU.Functions.push_back(F);
    CallingFunction C;
    C.Usr = F.Usr;
    TU.CallingFunctions.push_back(C);
    return TU;
  };
  std::vector<TranslationUnitSummary> All{Unit("/src/a.cpp", false), Unit("/src/b.cpp", false),
                                          Unit("/src/c.cpp", true), Unit("/src/d.cpp", false)};
  All[3].Options.LockOrder->MaxCycleLength = 2; // another configuration
  // b.cpp's function and calling record, c.cpp's calling record.
  EXPECT_EQ(dropRepeatedFunctions(All), 3u);
  EXPECT_EQ(All[0].Functions.size(), 1u);
  EXPECT_TRUE(All[1].Functions.empty());
  EXPECT_TRUE(All[1].CallingFunctions.empty());
  EXPECT_EQ(All[2].Functions.size(), 1u); // differs: only the main thread runs it there
  EXPECT_EQ(All[2].CallingFunctions.size(), 0u); // the calling record is equal
  EXPECT_EQ(All[3].Functions.size(), 1u);
  EXPECT_EQ(All[3].CallingFunctions.size(), 1u);
}
