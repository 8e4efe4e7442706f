//===- JsonReport.cpp - The JSON report: writer and strict reader ---------===//
//
// The format is docs/report-schema.json. The reader accepts exactly what the
// schema accepts (unknown keys included: they are rejected), so a file that
// `concur merge` or a baseline reads is one the schema validates, and the
// error names the offending field the way a user would write its path.
//
//===----------------------------------------------------------------------===//
#include "report/Report.h"

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

using Json = nlohmann::json;
// Insertion-ordered, so output keys follow the documented order.
using OrderedJson = nlohmann::ordered_json;

//===--- Writing ----------------------------------------------------------===//

OrderedJson locationToJson(const Location &L) {
  return {{"file", L.File}, {"line", L.Line}, {"column", L.Column}};
}

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

OrderedJson callToJson(const SummaryCall &C) {
  return {{"usr", C.Usr},
          {"name", C.Name},
          {"location", {{"file", C.File}, {"line", C.Line}, {"column", C.Column}}}};
}

OrderedJson summaryLockToJson(const SummaryLock &L) {
  return {{"key", L.Key}, {"name", L.Name}};
}

OrderedJson lockPathToJson(const LockPath &P) {
  OrderedJson Hops = OrderedJson::array();
  for (const SummaryCall &C : P.Hops)
    Hops.push_back(callToJson(C));
  OrderedJson J = {{"lock", summaryLockToJson(P.Lock)},
                   {"hops", std::move(Hops)}};
  if (P.Line) // absent: held on entry
    J["location"] = locationToJson({P.File, P.Line, P.Column});
  return J;
}

OrderedJson lockPathsToJson(const std::vector<LockPath> &Paths) {
  OrderedJson Out = OrderedJson::array();
  for (const LockPath &P : Paths)
    Out.push_back(lockPathToJson(P));
  return Out;
}

/// The optional name of the function a finding there is filed under.
void addFindingFunction(OrderedJson &J, const std::string &FindingFunction) {
  if (!FindingFunction.empty())
    J["finding_function"] = FindingFunction;
}

OrderedJson accessToJson(const SharedAccessSummary &A) {
  OrderedJson Hops = OrderedJson::array();
  for (const SummaryCall &C : A.Hops)
    Hops.push_back(callToJson(C));
  OrderedJson J = {{"global", summaryLockToJson(A.Global)},
                   {"kind", A.Kind},
                   {"hops", std::move(Hops)},
                   {"location", locationToJson({A.File, A.Line, A.Column})},
                   {"held", A.Held}};
  addFindingFunction(J, A.FindingFunction);
  if (A.TestedLine)
    J["tested"] = locationToJson({A.TestedFile, A.TestedLine, A.TestedColumn});
  return J;
}

OrderedJson accessesToJson(const std::vector<SharedAccessSummary> &Accesses) {
  OrderedJson Out = OrderedJson::array();
  for (const SharedAccessSummary &A : Accesses)
    Out.push_back(accessToJson(A));
  return Out;
}

OrderedJson reachedCallsToJson(const std::vector<ReachedCall> &Calls) {
  OrderedJson Out = OrderedJson::array();
  for (const ReachedCall &R : Calls) {
    OrderedJson Path = OrderedJson::array();
    for (const SummaryCall &C : R.Path)
      Path.push_back(callToJson(C));
    Out.push_back({{"path", std::move(Path)}, {"held", lockPathsToJson(R.Held)}});
  }
  return Out;
}

OrderedJson heldKeysToJson(const std::vector<HeldKey> &Held) {
  OrderedJson Out = OrderedJson::array();
  for (const HeldKey &H : Held)
    Out.push_back({{"key", H.Key}, {"exclusive", H.Exclusive}});
  return Out;
}

OrderedJson callingFunctionToJson(const CallingFunction &F) {
  OrderedJson Calls = OrderedJson::array();
  for (const CallHolding &C : F.Calls)
    Calls.push_back({{"callee", C.Callee},
                     {"virtual", C.Virtual},
                     {"on_own_object", C.OnOwnObject},
                     {"held", heldKeysToJson(C.Held)}});
  return {{"usr", F.Usr},         {"overrides", F.Overrides},
          {"escapes", F.Escapes}, {"instantiated", F.Instantiated},
          {"structor", F.Structor}, {"lets_go", F.LetsGo},
          {"lets_go_unknown", F.LetsGoUnknown}, {"calls", std::move(Calls)}};
}

OrderedJson fieldDisciplineToJson(const FieldDiscipline &D) {
  OrderedJson Accesses = OrderedJson::array();
  for (const FieldAccessFact &A : D.Accesses)
    Accesses.push_back({{"root", A.Root},
                        {"write", A.Write},
                        {"direct", A.Direct},
                        {"reportable", A.Reportable},
                        {"held", heldKeysToJson(A.Held)},
                        {"owned", A.Owned},
                        {"location", locationToJson({A.File, A.Line, A.Column})}});
  return {{"field", D.Field}, {"report_reads", D.ReportReads}, {"accesses", std::move(Accesses)}};
}

// Each check's options under its name, spelled as in CheckOptions.
OrderedJson checkOptionsToJson(const CheckOptionsSummary &O) {
  OrderedJson J = OrderedJson::object();
  if (O.Races)
    J["concur-unguarded-shared-state"] = {
        {"ReportReads", O.Races->ReportReads},
        {"MaxFindingsPerLocation", O.Races->MaxFindingsPerLocation}};
  if (O.Blocking)
    J["concur-blocking-call-in-coroutine"] = {
        {"BlockingFunctions", O.Blocking->BlockingFunctions},
        {"AllowedFunctions", O.Blocking->AllowedFunctions},
        {"ReportLockAcquisition", O.Blocking->ReportLockAcquisition},
        {"MaxCallDepth", O.Blocking->MaxCallDepth}};
  if (O.LockOrder)
    J["concur-lock-order-inversion"] = {{"MaxCycleLength", O.LockOrder->MaxCycleLength},
                                        {"MaxCallDepth", O.LockOrder->MaxCallDepth}};
  return J;
}

OrderedJson noLintToJson(const NoLintRange &R) {
  return {{"file", R.File},
          {"first_line", R.FirstLine},
          {"last_line", R.LastLine},
          {"checks", R.Checks}};
}

OrderedJson summaryToJson(const TranslationUnitSummary &S) {
  OrderedJson Functions = OrderedJson::array();
  for (const FunctionSummary &F : S.Functions) {
    OrderedJson Fn = {{"usr", F.Usr},
                      {"name", F.Name},
                      {"location", {{"file", F.File}, {"line", F.Line}, {"column", F.Column}}},
                      {"coroutine", F.Coroutine}};
    addFindingFunction(Fn, F.FindingFunction);
    if (!F.BlockingEntry.empty()) {
      OrderedJson Chain = OrderedJson::array();
      for (const SummaryCall &C : F.BlockingChain)
        Chain.push_back(callToJson(C));
      Fn["blocks"] = {{"entry", F.BlockingEntry},
                      {"category", F.BlockingCategory},
                      {"alternative", F.Alternative},
                      {"chain", std::move(Chain)}};
    }
    Fn["calls"] = reachedCallsToJson(F.ReachedCalls);
    if (!F.Acquires.empty())
      Fn["acquires"] = lockPathsToJson(F.Acquires);
    if (!F.Accesses.empty())
      Fn["accesses"] = accessesToJson(F.Accesses);
    if (F.MainThreadOnly)
      Fn["main_thread_only"] = true;
    Functions.push_back(std::move(Fn));
  }
  OrderedJson J = {{"file", S.File}, {"checks", S.EnabledChecks}, {"functions", std::move(Functions)}};
  if (!S.LockEdges.empty()) {
    OrderedJson Edges = OrderedJson::array();
    for (const LockOrderEdgeSummary &E : S.LockEdges) {
      OrderedJson Edge = {{"function", E.Function},
                          {"main_thread_only", E.MainThreadOnly},
                          {"held", lockPathToJson(E.Held)},
                          {"acquired", lockPathToJson(E.Acquired)},
                          {"held_there", E.HeldThere}};
      addFindingFunction(Edge, E.FindingFunction);
      Edges.push_back(std::move(Edge));
    }
    J["lock_edges"] = std::move(Edges);
  }
  if (!S.Spawns.empty()) {
    OrderedJson Spawns = OrderedJson::array();
    for (const SpawnSummary &T : S.Spawns)
      Spawns.push_back({{"entry", T.Entry},
                        {"location", locationToJson({T.File, T.Line, T.Column})},
                        {"accesses", accessesToJson(T.Accesses)},
                        {"calls", reachedCallsToJson(T.Calls)},
                        {"concurrent_with", T.ConcurrentWith}});
    J["spawns"] = std::move(Spawns);
  }
  if (!S.CallingFunctions.empty()) {
    OrderedJson Out = OrderedJson::array();
    for (const CallingFunction &F : S.CallingFunctions)
      Out.push_back(callingFunctionToJson(F));
    J["calling_functions"] = std::move(Out);
  }
  if (!S.FieldDisciplines.empty()) {
    OrderedJson Out = OrderedJson::array();
    for (const FieldDiscipline &D : S.FieldDisciplines)
      Out.push_back(fieldDisciplineToJson(D));
    J["field_disciplines"] = std::move(Out);
  }
  if (OrderedJson Options = checkOptionsToJson(S.Options); !Options.empty())
    J["options"] = std::move(Options);
  if (!S.NoLint.empty()) {
    OrderedJson Out = OrderedJson::array();
    for (const NoLintRange &R : S.NoLint)
      Out.push_back(noLintToJson(R));
    J["nolint"] = std::move(Out);
  }
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

[[noreturn]] void fail(const std::string &Path, const std::string &What) {
  throw std::runtime_error(Path + ": " + What);
}

std::string member(const std::string &Path, std::string_view Key) {
  return Path + "." + std::string(Key);
}

std::string element(const std::string &Path, std::size_t Index) {
  return Path + "[" + std::to_string(Index) + "]";
}

std::string got(const Json &V) {
  switch (V.type()) {
  case Json::value_t::null:
    return ", got null";
  case Json::value_t::object:
    return ", got an object";
  case Json::value_t::array:
    return ", got an array";
  case Json::value_t::string:
    return ", got a string";
  case Json::value_t::boolean:
    return ", got a boolean";
  case Json::value_t::number_float:
    return ", got " + V.dump();
  case Json::value_t::number_integer:
  case Json::value_t::number_unsigned:
    return ", got " + V.dump();
  default:
    return "";
  }
}

/// Checks \p V is an object with every key in \p Required and no key outside
/// \p Required and \p Optional.
void expectObject(const Json &V, const std::string &Path,
                  std::initializer_list<std::string_view> Required,
                  std::initializer_list<std::string_view> Optional = {}) {
  if (!V.is_object())
    fail(Path, "expected an object" + got(V));
  for (std::string_view Key : Required)
    if (!V.contains(Key))
      fail(Path, "missing required key \"" + std::string(Key) + "\"");
  auto Known = [&](const std::string &Key) {
    return std::find(Required.begin(), Required.end(), Key) != Required.end() ||
           std::find(Optional.begin(), Optional.end(), Key) != Optional.end();
  };
  for (const auto &[Key, Value] : V.items())
    if (!Known(Key))
      fail(member(Path, Key), "unknown key");
}

const Json &expectArray(const Json &V, const std::string &Path) {
  if (!V.is_array())
    fail(Path, "expected an array" + got(V));
  return V;
}

std::string readString(const Json &Object, const std::string &Path,
                       std::string_view Key) {
  const Json &V = Object.at(Key);
  if (!V.is_string())
    fail(member(Path, Key), "expected a string" + got(V));
  return V.get<std::string>();
}

std::string readNonEmptyString(const Json &Object, const std::string &Path,
                               std::string_view Key) {
  std::string Text = readString(Object, Path, Key);
  if (Text.empty())
    fail(member(Path, Key), "expected a non-empty string");
  return Text;
}

unsigned readUnsigned(const Json &Object, const std::string &Path,
                      std::string_view Key) {
  const Json &V = Object.at(Key);
  if (!V.is_number_integer())
    fail(member(Path, Key), "expected an integer" + got(V));
  if (V.is_number_unsigned()) {
    auto Value = V.get<std::uint64_t>();
    if (Value > std::numeric_limits<unsigned>::max())
      fail(member(Path, Key), "integer out of range" + got(V));
    return static_cast<unsigned>(Value);
  }
  if (V.get<std::int64_t>() < 0)
    fail(member(Path, Key), "expected a non-negative integer" + got(V));
  return static_cast<unsigned>(V.get<std::int64_t>());
}

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

Location readLocation(const Json &Object, const std::string &Path,
                      std::string_view Key) {
  const Json &V = Object.at(Key);
  std::string LocPath = member(Path, Key);
  expectObject(V, LocPath, {"file", "line", "column"});
  return Location{readString(V, LocPath, "file"),
                  readUnsigned(V, LocPath, "line"),
                  readUnsigned(V, LocPath, "column")};
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

SummaryCall callFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"usr", "name", "location"});
  Location L = readLocation(V, Path, "location");
  return SummaryCall{readNonEmptyString(V, Path, "usr"), readString(V, Path, "name"), L.File,
                     L.Line, L.Column};
}

/// Each element of the array \p V read with \p ReadOne(element, path).
template <typename ReadOne>
auto arrayFromJson(const Json &V, const std::string &Path, ReadOne Read) {
  std::vector<decltype(Read(V, Path))> Out;
  const Json &Items = expectArray(V, Path);
  for (std::size_t I = 0; I < Items.size(); ++I)
    Out.push_back(Read(Items[I], element(Path, I)));
  return Out;
}

std::vector<SummaryCall> callsFromJson(const Json &V, const std::string &Path) {
  return arrayFromJson(V, Path, callFromJson);
}

bool readBool(const Json &Object, const std::string &Path, std::string_view Key) {
  const Json &V = Object.at(Key);
  if (!V.is_boolean())
    fail(member(Path, Key), "expected true or false" + got(V));
  return V.get<bool>();
}

std::vector<std::string> readStrings(const Json &V, const std::string &Path) {
  std::vector<std::string> Out;
  const Json &Items = expectArray(V, Path);
  for (std::size_t I = 0; I < Items.size(); ++I) {
    if (!Items[I].is_string())
      fail(element(Path, I), "expected a string" + got(Items[I]));
    Out.push_back(Items[I].get<std::string>());
  }
  return Out;
}

std::string readOptionalString(const Json &Object, const std::string &Path,
                               std::string_view Key) {
  return Object.contains(Key) ? readString(Object, Path, Key) : std::string();
}

/// Reads the location at \p Key of \p Object into a summary's own
/// File/Line/Column fields.
void readLocationInto(const Json &Object, const std::string &Path, std::string_view Key,
                      std::string &File, unsigned &Line, unsigned &Column) {
  Location L = readLocation(Object, Path, Key);
  File = std::move(L.File);
  Line = L.Line;
  Column = L.Column;
}

SummaryLock summaryLockFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"key", "name"});
  return SummaryLock{readNonEmptyString(V, Path, "key"), readString(V, Path, "name")};
}

LockPath lockPathFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"lock", "hops"}, {"location"});
  LockPath P;
  P.Lock = summaryLockFromJson(V.at("lock"), member(Path, "lock"));
  P.Hops = callsFromJson(V.at("hops"), member(Path, "hops"));
  if (V.contains("location"))
    readLocationInto(V, Path, "location", P.File, P.Line, P.Column);
  return P;
}

std::vector<LockPath> lockPathsFromJson(const Json &V, const std::string &Path) {
  return arrayFromJson(V, Path, lockPathFromJson);
}

ReachedCall reachedCallFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"path", "held"});
  ReachedCall R;
  R.Path = callsFromJson(V.at("path"), member(Path, "path"));
  if (R.Path.empty())
    fail(member(Path, "path"), "expected at least one call");
  R.Held = lockPathsFromJson(V.at("held"), member(Path, "held"));
  return R;
}

LockOrderEdgeSummary lockEdgeFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"function", "main_thread_only", "held", "acquired", "held_there"},
               {"finding_function"});
  LockOrderEdgeSummary E;
  E.Function = readString(V, Path, "function");
  E.FindingFunction = readOptionalString(V, Path, "finding_function");
  E.MainThreadOnly = readBool(V, Path, "main_thread_only");
  E.Held = lockPathFromJson(V.at("held"), member(Path, "held"));
  E.Acquired = lockPathFromJson(V.at("acquired"), member(Path, "acquired"));
  E.HeldThere = readStrings(V.at("held_there"), member(Path, "held_there"));
  return E;
}

SharedAccessSummary accessFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"global", "kind", "hops", "location", "held"},
               {"finding_function", "tested"});
  SharedAccessSummary A;
  A.Global = summaryLockFromJson(V.at("global"), member(Path, "global"));
  A.Kind = readString(V, Path, "kind");
  if (A.Kind != "read" && A.Kind != "write" && A.Kind != "update")
    fail(member(Path, "kind"), "expected \"read\", \"write\" or \"update\", got \"" + A.Kind + "\"");
  A.Hops = callsFromJson(V.at("hops"), member(Path, "hops"));
  readLocationInto(V, Path, "location", A.File, A.Line, A.Column);
  A.Held = readStrings(V.at("held"), member(Path, "held"));
  A.FindingFunction = readOptionalString(V, Path, "finding_function");
  if (V.contains("tested"))
    readLocationInto(V, Path, "tested", A.TestedFile, A.TestedLine, A.TestedColumn);
  return A;
}

SpawnSummary spawnFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"entry", "location", "accesses", "calls", "concurrent_with"});
  SpawnSummary T;
  T.Entry = readString(V, Path, "entry");
  readLocationInto(V, Path, "location", T.File, T.Line, T.Column);
  T.Accesses = arrayFromJson(V.at("accesses"), member(Path, "accesses"), accessFromJson);
  T.Calls = arrayFromJson(V.at("calls"), member(Path, "calls"), reachedCallFromJson);
  const std::string WithPath = member(Path, "concurrent_with");
  const Json &With = expectArray(V.at("concurrent_with"), WithPath);
  for (std::size_t I = 0; I < With.size(); ++I) {
    if (!With[I].is_number_unsigned())
      fail(element(WithPath, I), "expected a non-negative integer" + got(With[I]));
    T.ConcurrentWith.push_back(With[I].get<unsigned>());
  }
  return T;
}

HeldKey heldKeyFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"key", "exclusive"});
  return {readNonEmptyString(V, Path, "key"), readBool(V, Path, "exclusive")};
}

std::vector<HeldKey> heldKeysFromJson(const Json &V, const std::string &Path) {
  return arrayFromJson(V, Path, heldKeyFromJson);
}

CallHolding callHoldingFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"callee", "virtual", "on_own_object", "held"});
  return {readNonEmptyString(V, Path, "callee"), readBool(V, Path, "virtual"),
          readBool(V, Path, "on_own_object"), heldKeysFromJson(V.at("held"), member(Path, "held"))};
}

CallingFunction callingFunctionFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path,
               {"usr", "overrides", "escapes", "instantiated", "structor", "lets_go",
                "lets_go_unknown", "calls"});
  CallingFunction F;
  F.Usr = readNonEmptyString(V, Path, "usr");
  F.Overrides = readStrings(V.at("overrides"), member(Path, "overrides"));
  F.Escapes = readBool(V, Path, "escapes");
  F.Instantiated = readBool(V, Path, "instantiated");
  F.Structor = readBool(V, Path, "structor");
  F.LetsGo = readStrings(V.at("lets_go"), member(Path, "lets_go"));
  F.LetsGoUnknown = readBool(V, Path, "lets_go_unknown");
  F.Calls = arrayFromJson(V.at("calls"), member(Path, "calls"), callHoldingFromJson);
  return F;
}

FieldAccessFact fieldAccessFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"root", "write", "direct", "reportable", "held", "owned", "location"});
  FieldAccessFact A;
  A.Root = readNonEmptyString(V, Path, "root");
  A.Write = readBool(V, Path, "write");
  A.Direct = readBool(V, Path, "direct");
  A.Reportable = readBool(V, Path, "reportable");
  A.Held = heldKeysFromJson(V.at("held"), member(Path, "held"));
  A.Owned = readStrings(V.at("owned"), member(Path, "owned"));
  readLocationInto(V, Path, "location", A.File, A.Line, A.Column);
  return A;
}

FieldDiscipline fieldDisciplineFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"field", "report_reads", "accesses"});
  FieldDiscipline D;
  D.Field = readString(V, Path, "field");
  D.ReportReads = readBool(V, Path, "report_reads");
  D.Accesses = arrayFromJson(V.at("accesses"), member(Path, "accesses"), fieldAccessFromJson);
  return D;
}

CheckOptionsSummary checkOptionsFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {},
               {"concur-unguarded-shared-state", "concur-blocking-call-in-coroutine",
                "concur-lock-order-inversion"});
  CheckOptionsSummary O;
  if (V.contains("concur-unguarded-shared-state")) {
    const Json &C = V.at("concur-unguarded-shared-state");
    const std::string CPath = member(Path, "concur-unguarded-shared-state");
    expectObject(C, CPath, {"ReportReads", "MaxFindingsPerLocation"});
    O.Races = RaceOptions{readBool(C, CPath, "ReportReads"),
                          readUnsigned(C, CPath, "MaxFindingsPerLocation")};
  }
  if (V.contains("concur-blocking-call-in-coroutine")) {
    const Json &C = V.at("concur-blocking-call-in-coroutine");
    const std::string CPath = member(Path, "concur-blocking-call-in-coroutine");
    expectObject(C, CPath, {"BlockingFunctions", "AllowedFunctions", "ReportLockAcquisition",
                            "MaxCallDepth"});
    O.Blocking = BlockingOptions{readString(C, CPath, "BlockingFunctions"),
                                 readString(C, CPath, "AllowedFunctions"),
                                 readBool(C, CPath, "ReportLockAcquisition"),
                                 readUnsigned(C, CPath, "MaxCallDepth")};
  }
  if (V.contains("concur-lock-order-inversion")) {
    const Json &C = V.at("concur-lock-order-inversion");
    const std::string CPath = member(Path, "concur-lock-order-inversion");
    expectObject(C, CPath, {"MaxCycleLength", "MaxCallDepth"});
    O.LockOrder = LockOrderOptions{readUnsigned(C, CPath, "MaxCycleLength"),
                                   readUnsigned(C, CPath, "MaxCallDepth")};
  }
  return O;
}

NoLintRange noLintFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"file", "first_line", "last_line", "checks"});
  return {readNonEmptyString(V, Path, "file"), readUnsigned(V, Path, "first_line"),
          readUnsigned(V, Path, "last_line"), readString(V, Path, "checks")};
}

TranslationUnitSummary summaryFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"file", "checks", "functions"},
               {"lock_edges", "spawns", "calling_functions", "field_disciplines", "options",
                "nolint"});
  TranslationUnitSummary S;
  S.File = readString(V, Path, "file");
  S.EnabledChecks = readStrings(V.at("checks"), member(Path, "checks"));
  const std::string FnsPath = member(Path, "functions");
  const Json &Functions = expectArray(V.at("functions"), FnsPath);
  for (std::size_t I = 0; I < Functions.size(); ++I) {
    const Json &Fn = Functions[I];
    const std::string FnPath = element(FnsPath, I);
    expectObject(Fn, FnPath, {"usr", "name", "location", "coroutine", "calls"},
                 {"blocks", "acquires", "main_thread_only", "accesses", "finding_function"});
    FunctionSummary F;
    F.Usr = readNonEmptyString(Fn, FnPath, "usr");
    F.Name = readString(Fn, FnPath, "name");
    F.FindingFunction = readOptionalString(Fn, FnPath, "finding_function");
    readLocationInto(Fn, FnPath, "location", F.File, F.Line, F.Column);
    F.Coroutine = readBool(Fn, FnPath, "coroutine");
    if (Fn.contains("blocks")) {
      const Json &B = Fn.at("blocks");
      const std::string BPath = member(FnPath, "blocks");
      expectObject(B, BPath, {"entry", "category", "alternative", "chain"});
      F.BlockingEntry = readNonEmptyString(B, BPath, "entry");
      F.BlockingCategory = readString(B, BPath, "category");
      F.Alternative = readString(B, BPath, "alternative");
      F.BlockingChain = callsFromJson(B.at("chain"), member(BPath, "chain"));
    }
    F.ReachedCalls = arrayFromJson(Fn.at("calls"), member(FnPath, "calls"), reachedCallFromJson);
    if (Fn.contains("acquires"))
      F.Acquires = lockPathsFromJson(Fn.at("acquires"), member(FnPath, "acquires"));
    if (Fn.contains("accesses"))
      F.Accesses = arrayFromJson(Fn.at("accesses"), member(FnPath, "accesses"), accessFromJson);
    if (Fn.contains("main_thread_only"))
      F.MainThreadOnly = readBool(Fn, FnPath, "main_thread_only");
    S.Functions.push_back(std::move(F));
  }
  if (V.contains("lock_edges")) {
    const std::string EPath = member(Path, "lock_edges");
    S.LockEdges = arrayFromJson(V.at("lock_edges"), EPath, lockEdgeFromJson);
  }
  if (V.contains("spawns")) {
    S.Spawns = arrayFromJson(V.at("spawns"), member(Path, "spawns"), spawnFromJson);
    for (std::size_t I = 0; I < S.Spawns.size(); ++I)
      for (unsigned J : S.Spawns[I].ConcurrentWith)
        if (J >= S.Spawns.size())
          fail(member(element(member(Path, "spawns"), I), "concurrent_with"),
               "index " + std::to_string(J) + " is not a spawn of this unit");
  }
  if (V.contains("calling_functions"))
    S.CallingFunctions = arrayFromJson(V.at("calling_functions"),
                                       member(Path, "calling_functions"), callingFunctionFromJson);
  if (V.contains("field_disciplines"))
    S.FieldDisciplines = arrayFromJson(V.at("field_disciplines"),
                                       member(Path, "field_disciplines"), fieldDisciplineFromJson);
  if (V.contains("options"))
    S.Options = checkOptionsFromJson(V.at("options"), member(Path, "options"));
  if (V.contains("nolint"))
    S.NoLint = arrayFromJson(V.at("nolint"), member(Path, "nolint"), noLintFromJson);
  return S;
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
