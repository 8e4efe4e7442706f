#include "BlockingInCoroutine.h"
#include "PathNotes.h"

namespace concur::rules {

bool countsAsBlocking(bool LockAcquisition, const report::BlockingOptions &Options) {
  return Options.ReportLockAcquisition || !LockAcquisition;
}

std::optional<BlockingFinding> blockingInCoroutine(const BlockingPathFacts &Path,
                                                   const report::BlockingOptions &Options) {
  if (Path.Callees.empty() || Path.Callees.size() > Options.MaxCallDepth)
    return std::nullopt;
  BlockingFinding F;
  if (Path.Callees.size() == 1) {
    F.Message = Path.Category + " call to '" + Path.Blocker + "' in coroutine '" +
                Path.Coroutine + "' blocks the thread running the event loop; " +
                Path.Alternative;
    return F;
  }
  F.Message = "coroutine '" + Path.Coroutine + "' calls '" + Path.Callees.front() +
              "', which reaches " + Path.Category + " call '" + Path.Blocker +
              "' and blocks the thread running the event loop; " + Path.Alternative;
  for (size_t I = 1; I + 1 < Path.Callees.size(); ++I)
    F.Notes.push_back(callNote(Path.Callees[I - 1], Path.Callees[I]));
  F.Notes.push_back("'" + Path.Blocker + "' blocks here (" + Path.Category + ")");
  return F;
}

} // namespace concur::rules
