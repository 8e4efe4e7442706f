// concur-blocking-call-in-coroutine across TUs (see CrossTranslationUnit.h).
#include "CrossTranslationUnit.h"
#include "ReachedThroughCalls.h"
#include "SourceText.h"

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
    for (const FunctionSummary &Coro : TU.Functions) {
      if (!Coro.Coroutine)
        continue;
      for (const report::ReachedCall &R : Coro.ReachedCalls) {
        const std::optional<BlockingPath> &Sub = Join.blockingPath(R.Path.back().Usr);
        if (!Sub || Sub->Hops.empty())
          continue;
        // The call in the coroutine's body, then the hops after it.
        const SummaryCall &Call = R.Path.front();
        BlockingPath Path{{R.Path.begin() + 1, R.Path.end()}, Sub->Blocker};
        Path.Hops.insert(Path.Hops.end(), Sub->Hops.begin(), Sub->Hops.end());
        if (!Reported.insert({Call.File, Call.Line, Call.Column}).second)
          continue; // the same call seen from two TUs (a header)
        if (suppressed(Call.File, Call.Line, BlockingCheck))
          continue;
        const FunctionSummary &B = *Path.Blocker;
        report::Finding F;
        F.Check = BlockingCheck;
        F.Message = "coroutine '" + Coro.Name + "' calls '" + Call.Name + "', which reaches " +
                    B.BlockingCategory + " call '" + B.BlockingEntry +
                    "' and blocks the thread running the event loop; " + B.Alternative;
        F.Loc = {Call.File, Call.Line, Call.Column};
        F.Function = Coro.Name;
        std::string Caller = Call.Name;
        for (size_t I = 0; I + 1 < Path.Hops.size(); ++I) {
          const SummaryCall &Hop = Path.Hops[I];
          F.Notes.push_back({"'" + Caller + "' calls '" + Hop.Name + "' here",
                             {Hop.File, Hop.Line, Hop.Column}});
          Caller = Hop.Name;
        }
        const SummaryCall &Last = Path.Hops.back();
        F.Notes.push_back({"'" + B.BlockingEntry + "' blocks here (" + B.BlockingCategory + ")",
                           {Last.File, Last.Line, Last.Column}});
        F.Fingerprint = report::computeFingerprint(F, sourceLine(Call.File, Call.Line), 0);
        Out.push_back(std::move(F));
      }
    }
  }
  return Out;
}

} // namespace concur::crosstu
