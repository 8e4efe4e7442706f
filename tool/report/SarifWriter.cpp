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

std::string sarifLevel(const std::string &Severity) {
  if (Severity == "error" || Severity == "note")
    return Severity;
  return "warning";
}

OrderedJson message(const std::string &Text) { return {{"text", Text}}; }

/// The files a report mentions, each once, in sorted order; SARIF locations
/// point into this table by index.
class ArtifactTable {
public:
  explicit ArtifactTable(const Report &R) {
    for (const Finding &F : R.Findings) {
      addFile(F.Loc.File);
      for (const Note &N : F.Notes)
        addFile(N.Loc.File);
      for (const Replacement &Fix : F.Fixes)
        addFile(Fix.File);
    }
    for (const InputError &E : R.Errors)
      addFile(E.File);
    unsigned Index = 0;
    for (auto &[File, FileIndex] : Indices)
      FileIndex = Index++;
  }

  OrderedJson artifactLocation(const std::string &File) const {
    return {{"uri", pathToUri(File)}, {"index", Indices.at(File)}};
  }

  OrderedJson artifacts() const {
    OrderedJson List = OrderedJson::array();
    for (const auto &[File, Index] : Indices)
      List.push_back({{"location", {{"uri", pathToUri(File)}}}});
    return List;
  }

private:
  void addFile(const std::string &File) {
    if (!File.empty())
      Indices.emplace(File, 0);
  }
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
    OrderedJson Region = {{"startLine", L.Line}};
    if (L.Column != 0)
      Region["startColumn"] = L.Column;
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
  OrderedJson Result = {
      {"id", Rule.Id},
      {"shortDescription", message(Short)},
      {"fullDescription",
       message(Rule.Description.empty() ? Short : Rule.Description)}};
  if (!Rule.HelpUri.empty())
    Result["helpUri"] = Rule.HelpUri;
  Result["defaultConfiguration"] = {{"level", sarifLevel(Rule.DefaultLevel)}};
  return Result;
}

/// A rule for a check id that the caller's list lacks, typically a runtime
/// detector. concur-rt-X documents the same hazard as static concur-X, so it
/// borrows that rule's text and page when there is one.
RuleInfo ruleForUnlistedCheck(const std::string &Id,
                              const std::map<std::string, std::size_t> &Known,
                              const std::vector<RuleInfo> &Rules) {
  RuleInfo Rule{.Id = Id, .Summary = "concur check " + Id, .HelpUri = {}};
  if (std::string_view(Id).starts_with(RuntimePrefix)) {
    Rule.Summary = "runtime detector " + Id;
    std::string StaticId = "concur-" + Id.substr(RuntimePrefix.size());
    if (auto It = Known.find(StaticId); It != Known.end()) {
      const RuleInfo &Static = Rules[It->second];
      Rule.Summary = "runtime detector: " + Static.Summary;
      Rule.HelpUri = Static.HelpUri;
    }
  }
  return Rule;
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

} // namespace

void writeSarif(const Report &R, const std::vector<RuleInfo> &Rules,
                std::ostream &OS) {
  writeSarif(R, Rules, OS, SarifOptions{});
}

void writeSarif(const Report &R, const std::vector<RuleInfo> &Rules,
                std::ostream &OS, const SarifOptions &Options) {
  // Rule table: the caller's rules in their order, then unlisted check ids
  // from the findings in sorted order, so ruleIndex is deterministic.
  std::vector<RuleInfo> AllRules;
  std::map<std::string, std::size_t> RuleIndex;
  for (const RuleInfo &Rule : Rules)
    if (RuleIndex.try_emplace(Rule.Id, AllRules.size()).second)
      AllRules.push_back(Rule);
  std::set<std::string> Unlisted;
  for (const Finding &F : R.Findings)
    if (!RuleIndex.contains(F.Check))
      Unlisted.insert(F.Check);
  for (const std::string &Id : Unlisted) {
    RuleInfo Rule = ruleForUnlistedCheck(Id, RuleIndex, AllRules);
    RuleIndex.emplace(Id, AllRules.size());
    AllRules.push_back(std::move(Rule));
  }

  OrderedJson Driver = {{"name", R.ToolName.empty() ? "concur" : R.ToolName}};
  if (!R.ToolVersion.empty())
    Driver["version"] = R.ToolVersion;
  if (std::string Uri = informationUri(AllRules, Options); !Uri.empty())
    Driver["informationUri"] = Uri;
  OrderedJson RulesJson = OrderedJson::array();
  for (const RuleInfo &Rule : AllRules)
    RulesJson.push_back(rule(Rule));
  Driver["rules"] = std::move(RulesJson);

  ArtifactTable Artifacts(R);

  OrderedJson Notifications = OrderedJson::array();
  for (const InputError &E : R.Errors) {
    OrderedJson Notification = {{"level", "error"}, {"message", message(E.Message)}};
    if (!E.File.empty())
      Notification["locations"] = OrderedJson::array(
          {{{"physicalLocation",
             {{"artifactLocation", Artifacts.artifactLocation(E.File)}}}}});
    Notifications.push_back(std::move(Notification));
  }
  OrderedJson Invocation = {{"executionSuccessful", R.Errors.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  double Seconds = std::isfinite(R.Stats.Seconds) && R.Stats.Seconds > 0
                       ? R.Stats.Seconds
                       : 0.0;
  Invocation["properties"] = {{"files", R.Stats.Files},
                              {"filesFailed", R.Stats.FilesFailed},
                              {"seconds", Seconds}};

  OrderedJson Results = OrderedJson::array();
  for (const Finding &F : R.Findings) {
    OrderedJson Result = {{"ruleId", F.Check},
                          {"ruleIndex", RuleIndex.at(F.Check)},
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
    if (!F.Fingerprint.empty())
      Result["partialFingerprints"] = {{FingerprintKey, F.Fingerprint}};
    if (!F.Fixes.empty())
      Result["fixes"] = OrderedJson::array({fix(F, Artifacts)});
    Results.push_back(std::move(Result));
  }

  OrderedJson Run = {{"tool", {{"driver", std::move(Driver)}}},
                     {"invocations", OrderedJson::array({std::move(Invocation)})},
                     {"artifacts", Artifacts.artifacts()},
                     {"results", std::move(Results)}};
  OrderedJson Log = {{"$schema", SarifSchemaUri},
                     {"version", "2.1.0"},
                     {"runs", OrderedJson::array({std::move(Run)})}};
  OS << Log.dump(2, ' ', /*ensure_ascii=*/false,
                 OrderedJson::error_handler_t::replace)
     << '\n';
}

} // namespace concur::report
