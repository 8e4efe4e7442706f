//===- JsonReport.cpp - The JSON report: writer and strict reader ---------===//
//
// The format is docs/report-schema.json. The reader accepts exactly what the
// schema accepts (unknown keys included: they are rejected), so a file that
// `concur merge` or a baseline reads is one the schema validates, and the
// error names the offending field the way a user would write its path.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"
#include "SummaryJson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <istream>
#include <iterator>
#include <limits>
#include <ostream>
#include <stdexcept>
#include <string_view>
#include <utility>

namespace concur::report {
namespace {

using namespace concur::json;

//===--- Writing ----------------------------------------------------------===//

OrderedJson locationToJson(const Location &L) { return json::locationToJson(L.File, L.Line, L.Column); }

OrderedJson findingToJson(const Finding &F) {
  OrderedJson Notes = OrderedJson::array();
  for (const Note &N : F.Notes)
    Notes.push_back({{"message", N.Message}, {"location", locationToJson(N.Loc)}});
  OrderedJson Fixes = OrderedJson::array();
  for (const Replacement &Fix : F.Fixes)
    Fixes.push_back({{"file", Fix.File},
                     {"offset", Fix.Offset},
                     {"length", Fix.Length},
                     {"text", Fix.Text}});
  OrderedJson J = {{"check", F.Check},
                   {"severity", F.Severity},
                   {"message", F.Message},
                   {"location", locationToJson(F.Loc)},
                   {"notes", std::move(Notes)},
                   {"function", F.Function},
                   {"fingerprint", F.Fingerprint},
                   {"fixes", std::move(Fixes)}};
  // Only reports that combine static and dynamic findings say which found it.
  if (!F.Evidence.empty())
    J["evidence"] = F.Evidence;
  return J;
}

OrderedJson reportToJson(const Report &R) {
  OrderedJson Findings = OrderedJson::array();
  for (const Finding &F : R.Findings)
    Findings.push_back(findingToJson(F));
  OrderedJson Errors = OrderedJson::array();
  for (const InputError &E : R.Errors)
    Errors.push_back({{"file", E.File}, {"message", E.Message}});
  // NaN would serialise as null, which no reader accepts.
  double Seconds = std::isfinite(R.Stats.Seconds) && R.Stats.Seconds > 0
                       ? R.Stats.Seconds
                       : 0.0;
  OrderedJson J = {{"tool", {{"name", R.ToolName}, {"version", R.ToolVersion}}},
          {"findings", std::move(Findings)},
          {"errors", std::move(Errors)},
          {"stats",
           {{"files", R.Stats.Files},
            {"files_failed", R.Stats.FilesFailed},
            {"seconds", Seconds}}}};
  // Only when the cache served some: a run without one writes what it
  // always did.
  if (R.Stats.FilesCached)
    J["stats"]["files_cached"] = R.Stats.FilesCached;
  // Only when an analysis stopped short, as files_cached.
  if (!R.Stats.CutShort.empty()) {
    OrderedJson CutShort = OrderedJson::array();
    for (const report::CutShort &C : R.Stats.CutShort)
      CutShort.push_back({{"file", C.File},
                          {"function", C.Function},
                          {"analysis", C.Analysis},
                          {"limit", C.Limit}});
    J["stats"]["cut_short"] = std::move(CutShort);
  }
  if (!R.Summaries.empty()) {
    OrderedJson Summaries = OrderedJson::array();
    for (const TranslationUnitSummary &S : R.Summaries)
      Summaries.push_back(summaryToJson(S));
    J["summaries"] = std::move(Summaries);
  }
  return J;
}

/// Messages and paths come from source files that need not be UTF-8; replace
/// bad bytes with U+FFFD rather than failing the whole report.
std::string dump(const OrderedJson &J, int Indent) {
  return J.dump(Indent, ' ', /*ensure_ascii=*/false,
                OrderedJson::error_handler_t::replace);
}

//===--- Reading ----------------------------------------------------------===//

double readSeconds(const Json &Object, const std::string &Path,
                   std::string_view Key) {
  const Json &V = Object.at(Key);
  if (!V.is_number())
    fail(member(Path, Key), "expected a number" + got(V));
  double Value = V.get<double>();
  if (Value < 0)
    fail(member(Path, Key), "expected a non-negative number" + got(V));
  return Value;
}

Location readLocation(const Json &Object, const std::string &Path, std::string_view Key) {
  Location L;
  readLocationInto(Object, Path, Key, L.File, L.Line, L.Column);
  return L;
}

bool isFingerprint(const std::string &Text) {
  return Text.empty() ||
         (Text.size() == 16 &&
          std::all_of(Text.begin(), Text.end(), [](char C) {
            return (C >= '0' && C <= '9') || (C >= 'a' && C <= 'f');
          }));
}

/// "static", "tsan", "runtime": each at most once, in that order.
std::vector<std::string> readEvidence(const Json &V, const std::string &Path) {
  static constexpr std::string_view Kinds[] = {"static", "tsan", "runtime"};
  const Json &Items = expectArray(V, Path);
  if (Items.empty())
    fail(Path, "expected at least one of \"static\", \"tsan\", \"runtime\"");
  std::vector<std::string> Out;
  std::size_t Next = 0; // index into Kinds of the next kind allowed
  for (std::size_t I = 0; I < Items.size(); ++I) {
    const Json &Item = Items[I];
    auto Kind = Item.is_string()
                    ? std::find(std::begin(Kinds), std::end(Kinds), Item.get<std::string>())
                    : std::end(Kinds);
    if (Kind == std::end(Kinds))
      fail(element(Path, I), "expected \"static\", \"tsan\" or \"runtime\"" + got(Item));
    if (static_cast<std::size_t>(Kind - std::begin(Kinds)) < Next)
      fail(element(Path, I), "repeated or out of order (static, tsan, runtime)");
    Next = static_cast<std::size_t>(Kind - std::begin(Kinds)) + 1;
    Out.push_back(Item.get<std::string>());
  }
  return Out;
}

Finding findingFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"check", "severity", "message", "location"},
               {"notes", "function", "fingerprint", "fixes", "evidence"});
  Finding F;
  F.Check = readNonEmptyString(V, Path, "check");
  F.Severity = readString(V, Path, "severity");
  if (F.Severity != "warning" && F.Severity != "error" && F.Severity != "note")
    fail(member(Path, "severity"),
         "expected \"warning\", \"error\" or \"note\", got \"" + F.Severity +
             "\"");
  F.Message = readString(V, Path, "message");
  F.Loc = readLocation(V, Path, "location");
  if (V.contains("notes")) {
    std::string NotesPath = member(Path, "notes");
    const Json &Notes = expectArray(V.at("notes"), NotesPath);
    for (std::size_t I = 0; I < Notes.size(); ++I) {
      std::string NotePath = element(NotesPath, I);
      expectObject(Notes[I], NotePath, {"message", "location"});
      F.Notes.push_back(Note{readString(Notes[I], NotePath, "message"),
                             readLocation(Notes[I], NotePath, "location")});
    }
  }
  if (V.contains("function"))
    F.Function = readString(V, Path, "function");
  if (V.contains("fingerprint")) {
    F.Fingerprint = readString(V, Path, "fingerprint");
    if (!isFingerprint(F.Fingerprint))
      fail(member(Path, "fingerprint"),
           "expected 16 lowercase hex digits or an empty string, got \"" +
               F.Fingerprint + "\"");
  }
  if (V.contains("fixes")) {
    std::string FixesPath = member(Path, "fixes");
    const Json &Fixes = expectArray(V.at("fixes"), FixesPath);
    for (std::size_t I = 0; I < Fixes.size(); ++I) {
      std::string FixPath = element(FixesPath, I);
      expectObject(Fixes[I], FixPath, {"file", "offset", "length", "text"});
      F.Fixes.push_back(Replacement{readNonEmptyString(Fixes[I], FixPath, "file"),
                                    readUnsigned(Fixes[I], FixPath, "offset"),
                                    readUnsigned(Fixes[I], FixPath, "length"),
                                    readString(Fixes[I], FixPath, "text")});
    }
  }
  if (V.contains("evidence"))
    F.Evidence = readEvidence(V.at("evidence"), member(Path, "evidence"));
  return F;
}

Report reportFromJson(const Json &V) {
  const std::string Root = "report";
  expectObject(V, Root, {"tool", "findings", "errors", "stats"}, {"summaries"});
  Report R;

  const Json &Tool = V.at("tool");
  expectObject(Tool, "tool", {"name", "version"});
  R.ToolName = readNonEmptyString(Tool, "tool", "name");
  R.ToolVersion = readString(Tool, "tool", "version");

  const Json &Findings = expectArray(V.at("findings"), "findings");
  for (std::size_t I = 0; I < Findings.size(); ++I)
    R.Findings.push_back(findingFromJson(Findings[I], element("findings", I)));

  const Json &Errors = expectArray(V.at("errors"), "errors");
  for (std::size_t I = 0; I < Errors.size(); ++I) {
    std::string Path = element("errors", I);
    expectObject(Errors[I], Path, {"file", "message"});
    R.Errors.push_back(InputError{readString(Errors[I], Path, "file"),
                                  readNonEmptyString(Errors[I], Path, "message")});
  }

  const Json &Stats = V.at("stats");
  expectObject(Stats, "stats", {"files", "files_failed", "seconds"},
               {"files_cached", "cut_short"});
  R.Stats.Files = readUnsigned(Stats, "stats", "files");
  R.Stats.FilesFailed = readUnsigned(Stats, "stats", "files_failed");
  if (Stats.contains("files_cached"))
    R.Stats.FilesCached = readUnsigned(Stats, "stats", "files_cached");
  R.Stats.Seconds = readSeconds(Stats, "stats", "seconds");
  if (Stats.contains("cut_short")) {
    const Json &CutShort = expectArray(Stats.at("cut_short"), "stats.cut_short");
    for (std::size_t I = 0; I < CutShort.size(); ++I) {
      std::string Path = element("stats.cut_short", I);
      expectObject(CutShort[I], Path, {"file", "function", "analysis", "limit"});
      R.Stats.CutShort.push_back({readString(CutShort[I], Path, "file"),
                                  readString(CutShort[I], Path, "function"),
                                  readNonEmptyString(CutShort[I], Path, "analysis"),
                                  readNonEmptyString(CutShort[I], Path, "limit")});
    }
  }
  if (V.contains("summaries")) {
    const Json &Summaries = expectArray(V.at("summaries"), "summaries");
    for (std::size_t I = 0; I < Summaries.size(); ++I)
      R.Summaries.push_back(summaryFromJson(Summaries[I], element("summaries", I)));
  }
  return R;
}

/// nlohmann's messages start with "[json.exception.parse_error.101] "; the
/// rest ("parse error at line 3, column 5: ...") is what a user needs.
std::string parseErrorReason(const std::exception &E) {
  std::string_view Text = E.what();
  if (Text.starts_with("[json.exception.")) {
    auto End = Text.find("] ");
    if (End != std::string_view::npos)
      Text.remove_prefix(End + 2);
  }
  std::string Reason(Text);
  std::replace(Reason.begin(), Reason.end(), '\n', ' ');
  return "invalid JSON: " + Reason;
}

template <typename Source> Json parse(Source &&Input) {
  try {
    return Json::parse(std::forward<Source>(Input));
  } catch (const Json::parse_error &E) {
    throw std::runtime_error(parseErrorReason(E));
  }
}

} // namespace

void writeJson(const Report &R, std::ostream &OS) {
  OS << dump(reportToJson(R), 2) << '\n';
}

void writeFindingJsonLine(const Finding &F, std::ostream &OS) {
  OS << dump(findingToJson(F), -1) << '\n';
}

Report readJson(std::istream &IS) { return reportFromJson(parse(IS)); }

Report readJson(std::string_view Text) { return reportFromJson(parse(Text)); }

Finding readFindingJson(const std::string &Text) {
  return findingFromJson(parse(Text), "finding");
}

} // namespace concur::report
