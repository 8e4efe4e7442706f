//===- SummaryJson.cpp - Summaries in the JSON report ---------------------===//
#include "SummaryJson.h"

namespace concur::report {

using namespace concur::json;

namespace {

//===--- Writing ----------------------------------------------------------===//

OrderedJson callToJson(const SummaryCall &C) {
  return {{"usr", C.Usr},
          {"name", C.Name},
          {"location", {{"file", C.File}, {"line", C.Line}, {"column", C.Column}}}};
}

OrderedJson summaryLockToJson(const SummaryLock &L) {
  return {{"key", L.Key}, {"name", L.Name}};
}

OrderedJson lockPathToJson(const LockPath &P) {
  OrderedJson J = {{"lock", summaryLockToJson(P.Lock)},
                   {"hops", arrayToJson(P.Hops, callToJson)}};
  if (P.Line) // absent: held on entry
    J["location"] = locationToJson(P.File, P.Line, P.Column);
  if (!P.Receiver.Class.empty()) {
    OrderedJson R = {{"class", P.Receiver.Class}, {"bases", P.Receiver.Bases}};
    if (!P.Receiver.Method.empty()) {
      R["method"] = P.Receiver.Method;
      R["overrides"] = P.Receiver.Overrides;
      R["only_dispatched"] = P.Receiver.OnlyDispatched;
    }
    J["receiver"] = std::move(R);
  }
  return J;
}

OrderedJson lockPathsToJson(const std::vector<LockPath> &Paths) {
  return arrayToJson(Paths, lockPathToJson);
}

/// The optional name of the function a finding there is filed under.
void addFindingFunction(OrderedJson &J, const std::string &FindingFunction) {
  if (!FindingFunction.empty())
    J["finding_function"] = FindingFunction;
}

OrderedJson accessToJson(const SharedAccessSummary &A) {
  OrderedJson J = {{"global", summaryLockToJson(A.Global)},
                   {"kind", A.Kind},
                   {"hops", arrayToJson(A.Hops, callToJson)},
                   {"location", locationToJson(A.File, A.Line, A.Column)},
                   {"held", A.Held}};
  addFindingFunction(J, A.FindingFunction);
  if (A.TestedLine)
    J["tested"] = locationToJson(A.TestedFile, A.TestedLine, A.TestedColumn);
  if (A.SetUp)
    J["set_up"] = true;
  if (!A.Once.empty())
    J["once"] = {{"role", A.Once}, {"test_held", A.OnceTestHeld}};
  return J;
}

OrderedJson accessesToJson(const std::vector<SharedAccessSummary> &Accesses) {
  return arrayToJson(Accesses, accessToJson);
}

OrderedJson reachedCallsToJson(const std::vector<ReachedCall> &Calls) {
  OrderedJson Out = OrderedJson::array();
  for (const ReachedCall &R : Calls) {
    OrderedJson J = {{"path", arrayToJson(R.Path, callToJson)}, {"held", lockPathsToJson(R.Held)}};
    if (R.SetUp)
      J["set_up"] = true;
    Out.push_back(std::move(J));
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
                     {"on_fresh_object", C.OnFreshObject},
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
                        {"modes", A.Modes},
                        {"location", locationToJson(A.File, A.Line, A.Column)}});
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

} // namespace

OrderedJson summaryToJson(const TranslationUnitSummary &S) {
  OrderedJson Functions = OrderedJson::array();
  for (const FunctionSummary &F : S.Functions) {
    OrderedJson Fn = {{"usr", F.Usr},
                      {"name", F.Name},
                      {"location", {{"file", F.File}, {"line", F.Line}, {"column", F.Column}}},
                      {"coroutine", F.Coroutine}};
    addFindingFunction(Fn, F.FindingFunction);
    if (!F.BlockingEntry.empty()) {
      Fn["blocks"] = {{"entry", F.BlockingEntry},
                      {"category", F.BlockingCategory},
                      {"alternative", F.Alternative},
                      {"chain", arrayToJson(F.BlockingChain, callToJson)}};
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
                        {"location", locationToJson(T.File, T.Line, T.Column)},
                        {"accesses", accessesToJson(T.Accesses)},
                        {"calls", reachedCallsToJson(T.Calls)},
                        {"concurrent_with", T.ConcurrentWith}});
    J["spawns"] = std::move(Spawns);
  }
  if (!S.CallingFunctions.empty())
    J["calling_functions"] = arrayToJson(S.CallingFunctions, callingFunctionToJson);
  if (!S.FieldDisciplines.empty())
    J["field_disciplines"] = arrayToJson(S.FieldDisciplines, fieldDisciplineToJson);
  if (OrderedJson Options = checkOptionsToJson(S.Options); !Options.empty())
    J["options"] = std::move(Options);
  if (!S.NoLint.empty())
    J["nolint"] = arrayToJson(S.NoLint, noLintToJson);
  return J;
}

namespace {

//===--- Reading ----------------------------------------------------------===//

SummaryCall callFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"usr", "name", "location"});
  SummaryCall C;
  readLocationInto(V, Path, "location", C.File, C.Line, C.Column);
  C.Usr = readNonEmptyString(V, Path, "usr");
  C.Name = readString(V, Path, "name");
  return C;
}

std::vector<SummaryCall> callsFromJson(const Json &V, const std::string &Path) {
  return arrayFromJson(V, Path, callFromJson);
}

SummaryLock summaryLockFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"key", "name"});
  return SummaryLock{readNonEmptyString(V, Path, "key"), readString(V, Path, "name")};
}

LockPath lockPathFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"lock", "hops"}, {"location", "receiver"});
  LockPath P;
  P.Lock = summaryLockFromJson(V.at("lock"), member(Path, "lock"));
  P.Hops = callsFromJson(V.at("hops"), member(Path, "hops"));
  if (V.contains("location"))
    readLocationInto(V, Path, "location", P.File, P.Line, P.Column);
  if (V.contains("receiver")) {
    const std::string At = member(Path, "receiver");
    const Json &R = V.at("receiver");
    expectObject(R, At, {"class", "bases"}, {"method", "overrides", "only_dispatched"});
    P.Receiver.Class = readNonEmptyString(R, At, "class");
    P.Receiver.Bases = readStrings(R.at("bases"), member(At, "bases"));
    if (R.contains("method")) {
      expectObject(R, At, {"class", "bases", "method", "overrides", "only_dispatched"});
      P.Receiver.Method = readNonEmptyString(R, At, "method");
      P.Receiver.Overrides = readStrings(R.at("overrides"), member(At, "overrides"));
      P.Receiver.OnlyDispatched = readBool(R, At, "only_dispatched");
    }
  }
  return P;
}

std::vector<LockPath> lockPathsFromJson(const Json &V, const std::string &Path) {
  return arrayFromJson(V, Path, lockPathFromJson);
}

ReachedCall reachedCallFromJson(const Json &V, const std::string &Path) {
  expectObject(V, Path, {"path", "held"}, {"set_up"});
  ReachedCall R;
  R.Path = callsFromJson(V.at("path"), member(Path, "path"));
  if (R.Path.empty())
    fail(member(Path, "path"), "expected at least one call");
  R.Held = lockPathsFromJson(V.at("held"), member(Path, "held"));
  R.SetUp = readOptionalBool(V, Path, "set_up");
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
               {"finding_function", "tested", "set_up", "once"});
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
  A.SetUp = readOptionalBool(V, Path, "set_up");
  if (V.contains("once")) {
    const Json &Once = V.at("once");
    std::string OncePath = member(Path, "once");
    expectObject(Once, OncePath, {"role", "test_held"});
    A.Once = readString(Once, OncePath, "role");
    if (A.Once != "sets" && A.Once != "past_test")
      fail(member(OncePath, "role"), "expected \"sets\" or \"past_test\", got \"" + A.Once + "\"");
    A.OnceTestHeld = readStrings(Once.at("test_held"), member(OncePath, "test_held"));
  }
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
  expectObject(V, Path, {"callee", "virtual", "on_own_object", "on_fresh_object", "held"});
  return {readNonEmptyString(V, Path, "callee"), readBool(V, Path, "virtual"),
          readBool(V, Path, "on_own_object"), readBool(V, Path, "on_fresh_object"),
          heldKeysFromJson(V.at("held"), member(Path, "held"))};
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
  expectObject(V, Path,
               {"root", "write", "direct", "reportable", "held", "owned", "modes", "location"});
  FieldAccessFact A;
  A.Root = readNonEmptyString(V, Path, "root");
  A.Write = readBool(V, Path, "write");
  A.Direct = readBool(V, Path, "direct");
  A.Reportable = readBool(V, Path, "reportable");
  A.Held = heldKeysFromJson(V.at("held"), member(Path, "held"));
  A.Owned = readStrings(V.at("owned"), member(Path, "owned"));
  A.Modes = readStrings(V.at("modes"), member(Path, "modes"));
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

} // namespace

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

} // namespace concur::report
