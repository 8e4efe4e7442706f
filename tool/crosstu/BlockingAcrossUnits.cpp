// concur-blocking-call-in-coroutine across TUs (see CrossTranslationUnit.h).
#include "CrossTranslationUnit.h"
#include "ReachedThroughCalls.h"
#include "SourceText.h"

#include "rules/BlockingInCoroutine.h"

#include <map>
#include <optional>
#include <set>

namespace concur::crosstu {
namespace {

using report::FunctionSummary;
using report::SummaryCall;

constexpr const char *BlockingCheck = "concur-blocking-call-in-coroutine";

/// A path from a call site to a blocking call: the hops, each a call site in
/// the function the previous hop called, and the blocking entry.
struct BlockingPath {
  std::vector<SummaryCall> Hops;
  const FunctionSummary *Blocker = nullptr; // holds entry, category, alternative
};

class Joiner {
public:
  explicit Joiner(const std::vector<report::TranslationUnitSummary> &Summaries)
      : Defs(Summaries) {}

  /// How a call of \p Usr reaches a blocking call, if it does: through the
  /// definition's own TU, or through further external calls.
  const std::optional<BlockingPath> &blockingPath(const std::string &Usr) {
    auto Memo = Paths.find(Usr);
    if (Memo != Paths.end())
      return Memo->second;
    auto &Slot = Paths[Usr]; // nullopt while on the stack: cycles end here
    const FunctionSummary *Def = Defs.find(Usr);
    if (!Def || Def->Coroutine)
      return Slot;
    const FunctionSummary &F = *Def;
    if (!F.BlockingEntry.empty()) {
      Slot = BlockingPath{F.BlockingChain, &F};
      return Slot;
    }
    for (const report::ReachedCall &R : F.ReachedCalls) {
      const std::optional<BlockingPath> &Sub = blockingPath(R.Path.back().Usr);
      if (!Sub)
        continue;
      BlockingPath P{R.Path, Sub->Blocker};
      P.Hops.insert(P.Hops.end(), Sub->Hops.begin(), Sub->Hops.end());
      Paths[Usr] = std::move(P);
      return Paths[Usr];
    }
    return Slot;
  }

private:
  Definitions Defs;
  std::map<std::string, std::optional<BlockingPath>> Paths;
};

} // namespace

std::vector<report::Finding>
blockingAcrossUnits(const std::vector<report::TranslationUnitSummary> &Summaries) {
  std::vector<report::Finding> Out;
  Joiner Join(Summaries);
  std::set<std::tuple<std::string, unsigned, unsigned>> Reported;
  for (const auto &TU : Summaries) {
    if (!enabledIn(TU.EnabledChecks, BlockingCheck))
      continue;
    const report::BlockingOptions Options =
        TU.Options.Blocking.value_or(report::BlockingOptions());
    for (const FunctionSummary &Coro : TU.Functions) {
      if (!Coro.Coroutine)
        continue;
      for (const report::ReachedCall &R : Coro.ReachedCalls) {
        const std::optional<BlockingPath> &Sub = Join.blockingPath(R.Path.back().Usr);
        if (!Sub || Sub->Hops.empty())
          continue;
        // The coroutine's call, then the calls down to the blocking one.
        std::vector<SummaryCall> Calls = R.Path;
        Calls.insert(Calls.end(), Sub->Hops.begin(), Sub->Hops.end());
        const FunctionSummary &B = *Sub->Blocker;
        rules::BlockingPathFacts Facts{Coro.Name, {}, B.BlockingEntry, B.BlockingCategory,
                                       B.Alternative};
        for (const SummaryCall &Call : Calls)
          Facts.Callees.push_back(Call.Name);
        std::optional<rules::BlockingFinding> Words = rules::blockingInCoroutine(Facts, Options);
        const SummaryCall &Call = Calls.front();
        // A call in a header is seen from every TU that includes it: once.
        if (!Words || !Reported.insert({Call.File, Call.Line, Call.Column}).second ||
            suppressed(Summaries, Call.File, Call.Line, BlockingCheck))
          continue;
        report::Finding F;
        F.Check = BlockingCheck;
        F.Message = std::move(Words->Message);
        F.Loc = {Call.File, Call.Line, Call.Column};
        F.Function = Coro.FindingFunction;
        for (size_t I = 0; I < Words->Notes.size(); ++I)
          F.Notes.push_back(
              {Words->Notes[I], {Calls[I + 1].File, Calls[I + 1].Line, Calls[I + 1].Column}});
        F.Fingerprint = report::computeFingerprint(F, sourceLine(Call.File, Call.Line), 0);
        Out.push_back(std::move(F));
      }
    }
  }
  return Out;
}

} // namespace concur::crosstu
