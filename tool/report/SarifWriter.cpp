//===- SarifWriter.cpp - SARIF 2.1.0 output -------------------------------===//
//
// One run. Every check is a rule; a finding's notes appear twice on purpose:
// as relatedLocations (what viewers list next to the result) and as a
// codeFlow (what viewers step through: the call chain, the other access,
// then the flagged spot). The fingerprint goes to partialFingerprints so that
// code-scanning services track a finding across commits.
//
//===----------------------------------------------------------------------===//
#include "report/FileUri.h"
#include "report/Report.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <ostream>
#include <set>
#include <string_view>

namespace concur::report {
namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view SarifSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json";
constexpr std::string_view FingerprintKey = "concur/v1";
constexpr std::string_view RuntimePrefix = "concur-rt-";
constexpr std::string_view TsanPrefix = "concur-tsan-";
constexpr std::string_view SourceRootId = "%SRCROOT%";

std::string sarifLevel(const std::string &Severity) {
  if (Severity == "error" || Severity == "note")
    return Severity;
  return "warning";
}

OrderedJson message(const std::string &Text) { return {{"text", Text}}; }

/// The files a report mentions, each once, in sorted order; SARIF locations
/// point into this table by index. Relative paths are relative to the source
/// root, named by the uriBaseId "%SRCROOT%" when one is known.
class ArtifactTable {
public:
  ArtifactTable(const Report &R, const std::string &SourceRoot)
      : HasRoot(!SourceRoot.empty()) {
    for (const Finding &F : R.Findings) {
      addFile(F.Loc.File);
      for (const Note &N : F.Notes)
        addFile(N.Loc.File);
      for (const Replacement &Fix : F.Fixes)
        addFile(Fix.File);
    }
    for (const InputError &E : R.Errors)
      addFile(E.File);
    for (const CutShort &C : R.Stats.CutShort)
      addFile(C.File);
    unsigned Index = 0;
    for (auto &[File, FileIndex] : Indices)
      FileIndex = Index++;
  }

  OrderedJson artifactLocation(const std::string &File) const {
    OrderedJson Location = uriOf(File);
    Location["index"] = Indices.at(File);
    return Location;
  }

  OrderedJson artifacts() const {
    OrderedJson List = OrderedJson::array();
    for (const auto &[File, Index] : Indices)
      List.push_back({{"location", uriOf(File)}});
    return List;
  }

private:
  OrderedJson uriOf(const std::string &File) const {
    std::string Uri = pathToUri(File);
    OrderedJson Location = {{"uri", Uri}};
    if (HasRoot && !Uri.starts_with("file:"))
      Location["uriBaseId"] = SourceRootId;
    return Location;
  }
  void addFile(const std::string &File) {
    if (!File.empty())
      Indices.emplace(File, 0);
  }
  bool HasRoot;
  std::map<std::string, unsigned> Indices;
};

/// A SARIF location for \p L (empty when the file is unknown); the region is
/// left out when the line is unknown, as SARIF requires startLine >= 1.
OrderedJson location(const Location &L, const ArtifactTable &Artifacts) {
  OrderedJson Result = OrderedJson::object();
  if (L.File.empty())
    return Result;
  OrderedJson Physical = {{"artifactLocation", Artifacts.artifactLocation(L.File)}};
  if (L.Line != 0) {
    // concur reports a point: the region is the one character there.
    OrderedJson Region = {{"startLine", L.Line}};
    if (L.Column != 0)
      Region["startColumn"] = L.Column;
    Region["endLine"] = L.Line;
    if (L.Column != 0)
      Region["endColumn"] = L.Column + 1;
    Physical["region"] = std::move(Region);
  }
  Result["physicalLocation"] = std::move(Physical);
  return Result;
}

OrderedJson primaryLocation(const Finding &F, const ArtifactTable &Artifacts) {
  OrderedJson Result = location(F.Loc, Artifacts);
  if (!F.Function.empty())
    Result["logicalLocations"] = OrderedJson::array(
        {{{"fullyQualifiedName", F.Function}, {"kind", "function"}}});
  return Result;
}

OrderedJson noteLocation(const Note &N, const ArtifactTable &Artifacts) {
  OrderedJson Result = location(N.Loc, Artifacts);
  Result["message"] = message(N.Message);
  return Result;
}

/// The path a viewer steps through: the notes in order, then the finding.
OrderedJson codeFlow(const Finding &F, const ArtifactTable &Artifacts) {
  OrderedJson Steps = OrderedJson::array();
  for (const Note &N : F.Notes)
    Steps.push_back({{"location", noteLocation(N, Artifacts)}});
  OrderedJson Last = primaryLocation(F, Artifacts);
  Last["message"] = message(F.Message);
  Steps.push_back({{"location", std::move(Last)}});
  return {{"threadFlows", OrderedJson::array({{{"locations", std::move(Steps)}}})}};
}

/// All replacements of a finding form one fix, grouped per file as SARIF
/// wants, files in order of first appearance.
OrderedJson fix(const Finding &F, const ArtifactTable &Artifacts) {
  std::vector<std::string> Files;
  std::map<std::string, OrderedJson> ReplacementsByFile;
  for (const Replacement &R : F.Fixes) {
    OrderedJson Replacement = {
        {"deletedRegion", {{"byteOffset", R.Offset}, {"byteLength", R.Length}}}};
    if (!R.Text.empty())
      Replacement["insertedContent"] = {{"text", R.Text}};
    auto [It, New] = ReplacementsByFile.try_emplace(R.File, OrderedJson::array());
    if (New)
      Files.push_back(R.File);
    It->second.push_back(std::move(Replacement));
  }
  OrderedJson Changes = OrderedJson::array();
  for (const std::string &File : Files)
    Changes.push_back({{"artifactLocation", Artifacts.artifactLocation(File)},
                       {"replacements", std::move(ReplacementsByFile[File])}});
  return {{"artifactChanges", std::move(Changes)}};
}

OrderedJson rule(const RuleInfo &Rule) {
  const std::string &Short = Rule.Summary.empty() ? Rule.Id : Rule.Summary;
  // GitHub shows both descriptions; a copy of the short one says nothing.
  std::string Full = Rule.Description;
  if (Full.empty() || Full == Short)
    Full = "concur check " + Rule.Id + ": " + Short + ".";
  OrderedJson Result = {{"id", Rule.Id}};
  if (!Rule.Name.empty())
    Result["name"] = Rule.Name;
  Result["shortDescription"] = message(Short);
  Result["fullDescription"] = message(Full);
  OrderedJson Help = {{"text", Rule.HelpText.empty() ? Full : Rule.HelpText}};
  if (!Rule.HelpMarkdown.empty())
    Help["markdown"] = Rule.HelpMarkdown;
  Result["help"] = std::move(Help);
  if (!Rule.HelpUri.empty())
    Result["helpUri"] = Rule.HelpUri;
  Result["defaultConfiguration"] = {{"level", sarifLevel(Rule.DefaultLevel)}};
  OrderedJson Properties = OrderedJson::object();
  if (!Rule.Tags.empty())
    Properties["tags"] = Rule.Tags;
  if (!Rule.Precision.empty())
    Properties["precision"] = Rule.Precision;
  if (!Rule.ProblemSeverity.empty())
    Properties["problem.severity"] = Rule.ProblemSeverity;
  if (!Properties.empty())
    Result["properties"] = std::move(Properties);
  return Result;
}

/// A rule for a check id that the caller's list lacks, typically a runtime
/// detector. concur-rt-X documents the same hazard as static concur-X, so it
/// borrows that rule's text, page and traits when there is one.
RuleInfo ruleForUnlistedCheck(const std::string &Id,
                              const std::map<std::string, std::size_t> &Known,
                              const std::vector<RuleInfo> &Rules) {
  if (std::string_view(Id).starts_with(TsanPrefix))
    return tsanRule(Id);
  RuleInfo Rule{.Id = Id, .Summary = "concur check " + Id, .HelpUri = {}};
  if (!std::string_view(Id).starts_with(RuntimePrefix))
    return Rule;
  Rule.Summary = "runtime detector " + Id;
  std::string StaticId = "concur-" + Id.substr(RuntimePrefix.size());
  auto It = Known.find(StaticId);
  if (It == Known.end())
    return Rule;
  RuleInfo Borrowed = Rules[It->second];
  Borrowed.Id = Id;
  Borrowed.Summary = "runtime detector: " + Borrowed.Summary;
  if (!Borrowed.Name.empty())
    Borrowed.Name = "Runtime" + Borrowed.Name;
  Borrowed.Tags.push_back("runtime");
  return Borrowed;
}

std::string informationUri(const std::vector<RuleInfo> &Rules,
                           const SarifOptions &Options) {
  if (!Options.InformationUri.empty())
    return Options.InformationUri;
  for (const RuleInfo &Rule : Rules)
    if (auto Slash = Rule.HelpUri.rfind('/'); Slash != std::string::npos)
      return Rule.HelpUri.substr(0, Slash + 1);
  return {};
}

/// MAJOR.MINOR.PATCH with an optional -prerelease/+build tail: what
/// toolComponent.semanticVersion must hold.
bool isSemanticVersion(std::string_view V) {
  int Dots = 0;
  bool Digit = false;
  std::size_t I = 0;
  for (; I < V.size() && V[I] != '-' && V[I] != '+'; ++I) {
    if (V[I] == '.') {
      if (!Digit)
        return false;
      ++Dots;
      Digit = false;
    } else if (V[I] >= '0' && V[I] <= '9') {
      Digit = true;
    } else {
      return false;
    }
  }
  return Dots == 2 && Digit && (I == V.size() || I + 1 < V.size());
}

/// The rule table: the caller's rules in their order, then unlisted check
/// ids from the findings in sorted order, so ruleIndex is deterministic.
std::vector<RuleInfo> allRules(const Report &R, const std::vector<RuleInfo> &Rules,
                               std::map<std::string, std::size_t> &RuleIndex) {
  std::vector<RuleInfo> All;
  for (const RuleInfo &Rule : Rules)
    if (RuleIndex.try_emplace(Rule.Id, All.size()).second)
      All.push_back(Rule);
  std::set<std::string> Unlisted;
  for (const Finding &F : R.Findings)
    if (!RuleIndex.contains(F.Check))
      Unlisted.insert(F.Check);
  for (const std::string &Id : Unlisted) {
    RuleInfo Rule = ruleForUnlistedCheck(Id, RuleIndex, All);
    RuleIndex.emplace(Id, All.size());
    All.push_back(std::move(Rule));
  }
  return All;
}

OrderedJson driver(const Report &R, const std::vector<RuleInfo> &Rules,
                   const SarifOptions &Options) {
  OrderedJson Driver = {{"name", R.ToolName.empty() ? "concur" : R.ToolName}};
  if (!R.ToolVersion.empty())
    Driver["version"] = R.ToolVersion;
  if (isSemanticVersion(R.ToolVersion))
    Driver["semanticVersion"] = R.ToolVersion;
  if (std::string Uri = informationUri(Rules, Options); !Uri.empty())
    Driver["informationUri"] = Uri;
  OrderedJson RulesJson = OrderedJson::array();
  for (const RuleInfo &Rule : Rules)
    RulesJson.push_back(rule(Rule));
  Driver["rules"] = std::move(RulesJson);
  return Driver;
}

OrderedJson invocation(const Report &R, const ArtifactTable &Artifacts,
                       const SarifOptions &Options) {
  OrderedJson Notifications = OrderedJson::array();
  for (const InputError &E : R.Errors) {
    OrderedJson Notification = {{"level", "error"}, {"message", message(E.Message)}};
    if (!E.File.empty())
      Notification["locations"] = OrderedJson::array(
          {{{"physicalLocation",
             {{"artifactLocation", Artifacts.artifactLocation(E.File)}}}}});
    Notifications.push_back(std::move(Notification));
  }
  // An analysis cut short is no failure, but its findings may be missing.
  for (const auto &[File, Text] : cutShortNotes(R.Stats.CutShort)) {
    OrderedJson Notification = {{"level", "note"}, {"message", message(Text)}};
    if (!File.empty())
      Notification["locations"] = OrderedJson::array(
          {{{"physicalLocation", {{"artifactLocation", Artifacts.artifactLocation(File)}}}}});
    Notifications.push_back(std::move(Notification));
  }
  OrderedJson Invocation = {{"executionSuccessful", R.Errors.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  Invocation["properties"] = {{"files", R.Stats.Files},
                              {"filesFailed", R.Stats.FilesFailed}};
  // Wall-clock time only on request: it would make every log unique.
  if (Options.Timing)
    Invocation["properties"]["seconds"] =
        std::isfinite(R.Stats.Seconds) && R.Stats.Seconds > 0 ? R.Stats.Seconds : 0.0;
  return Invocation;
}

OrderedJson result(const Finding &F, std::size_t RuleIndex, const ArtifactTable &Artifacts) {
  OrderedJson Result = {{"ruleId", F.Check},
                        {"ruleIndex", RuleIndex},
                        {"level", sarifLevel(F.Severity)},
                        {"message", message(F.Message)}};
  if (OrderedJson Primary = primaryLocation(F, Artifacts); !Primary.empty())
    Result["locations"] = OrderedJson::array({std::move(Primary)});
  if (!F.Notes.empty()) {
    OrderedJson Related = OrderedJson::array();
    // ids are 1-based note numbers, matching "note N" in text output order.
    for (std::size_t I = 0; I < F.Notes.size(); ++I) {
      OrderedJson Note = {{"id", I + 1}};
      Note.update(noteLocation(F.Notes[I], Artifacts));
      Related.push_back(std::move(Note));
    }
    Result["relatedLocations"] = std::move(Related);
    Result["codeFlows"] = OrderedJson::array({codeFlow(F, Artifacts)});
  }
  // GitHub matches alerts across commits by primaryLocationLineHash only;
  // concur's fingerprint already survives line shifts, so it serves as
  // both.
  if (!F.Fingerprint.empty())
    Result["partialFingerprints"] = {{"primaryLocationLineHash", F.Fingerprint},
                                     {FingerprintKey, F.Fingerprint}};
  if (!F.BaselineState.empty())
    Result["baselineState"] = F.BaselineState;
  if (!F.Evidence.empty())
    Result["properties"] = {{"evidence", F.Evidence}};
  if (!F.Fixes.empty())
    Result["fixes"] = OrderedJson::array({fix(F, Artifacts)});
  return Result;
}

} // namespace

void writeSarif(const Report &R, const std::vector<RuleInfo> &Rules,
                std::ostream &OS) {
  writeSarif(R, Rules, OS, SarifOptions{});
}

void writeSarif(const Report &R, const std::vector<RuleInfo> &Rules,
                std::ostream &OS, const SarifOptions &Options) {
  std::map<std::string, std::size_t> RuleIndex;
  const std::vector<RuleInfo> AllRules = allRules(R, Rules, RuleIndex);
  ArtifactTable Artifacts(R, Options.SourceRoot);

  OrderedJson Results = OrderedJson::array();
  for (const Finding &F : R.Findings)
    Results.push_back(result(F, RuleIndex.at(F.Check), Artifacts));

  OrderedJson Run = {{"tool", {{"driver", driver(R, AllRules, Options)}}}};
  if (!Options.AutomationId.empty())
    Run["automationDetails"] = {{"id", Options.AutomationId}};
  if (!Options.SourceRoot.empty()) {
    // A base URI must end in '/' for relative references to resolve under it.
    std::string Root = pathToUri(Options.SourceRoot);
    if (!Root.ends_with("/"))
      Root += '/';
    Run["originalUriBaseIds"] = {{SourceRootId, {{"uri", Root}}}};
  }
  Run["invocations"] = OrderedJson::array({invocation(R, Artifacts, Options)});
  Run["artifacts"] = Artifacts.artifacts();
  Run["results"] = std::move(Results);
  OrderedJson Log = {{"$schema", SarifSchemaUri},
                     {"version", "2.1.0"},
                     {"runs", OrderedJson::array({std::move(Run)})}};
  OS << Log.dump(2, ' ', /*ensure_ascii=*/false,
                 OrderedJson::error_handler_t::replace)
     << '\n';
}

} // namespace concur::report
