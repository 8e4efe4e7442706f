#include "SharedStateRace.h"

#include <algorithm>
#include <set>

namespace concur::rules {
namespace {

bool isWrite(RaceAccessKind K) { return K != RaceAccessKind::Read; }

const char *verb(RaceAccessKind K) {
  switch (K) {
  case RaceAccessKind::Read:
    return "read";
  case RaceAccessKind::Write:
    return "written";
  case RaceAccessKind::Update:
    return "updated";
  }
  return "accessed";
}

std::string heldText(const RaceSide &S) {
  return S.Held.empty() ? std::string("no lock") : "only " + quotedList(S.Held);
}

constexpr const char *AnotherInstance = "on another instance of that thread";

} // namespace

std::vector<std::pair<size_t, size_t>>
racesToReport(const std::vector<RaceAccessFacts> &Accesses,
              llvm::function_ref<bool(size_t, size_t)> MayRace,
              const report::RaceOptions &Options, std::set<size_t> &ReportedSites) {
  std::vector<std::pair<size_t, size_t>> Out;
  if (std::none_of(Accesses.begin(), Accesses.end(),
                   [](const RaceAccessFacts &A) { return isWrite(A.Kind); }))
    return Out;
  for (size_t I = 0; I < Accesses.size() && Out.size() < Options.MaxFindingsPerLocation; ++I) {
    const RaceAccessFacts &X = Accesses[I];
    for (size_t J = 0; J < Accesses.size(); ++J) {
      const RaceAccessFacts &Y = Accesses[J];
      if ((!isWrite(X.Kind) && !isWrite(Y.Kind)) || !MayRace(I, J))
        continue;
      // Shown: the side that needs the fix, the unlocked one, else the write.
      bool XShown = X.Locked != Y.Locked                 ? !X.Locked
                    : isWrite(X.Kind) != isWrite(Y.Kind) ? isWrite(X.Kind)
                                                         : true;
      if (!XShown || (!isWrite(X.Kind) && !Options.ReportReads))
        continue;
      if (ReportedSites.insert(X.Site).second)
        Out.push_back({I, J});
      break;
    }
  }
  return Out;
}

std::string onThreadStartedAt(unsigned Line, const std::string &FileName) {
  std::string Text = "on the thread started at line " + std::to_string(Line);
  return FileName.empty() ? Text : Text + " of " + FileName;
}

std::string whileThatThreadRuns(const std::string &Function) {
  return "in '" + Function + "' while that thread runs";
}

RaceFinding raceWording(const RaceWordingFacts &F) {
  // The shown side's start is named first: a second thread started on that
  // same line is not named by its line again.
  std::string OtherWhere = F.SameThread ? AnotherInstance : F.Other.Where;
  if (!F.SameThread && F.OtherOnThread && OtherWhere == F.Shown.Where)
    OtherWhere = F.SameEntry ? AnotherInstance : "on another thread started on that line";
  const RaceSide &P = F.Shown, &O = F.Other;
  RaceFinding Out;
  if (F.CheckThenAct && isWrite(P.Kind)) {
    Out.Message = "check-then-act on shared '" + F.Name + "': it is tested and then " +
                  verb(P.Kind) + " " + P.Where + " with " + heldText(P) +
                  " held, while another thread can change it in between (" + verb(O.Kind) +
                  " " + OtherWhere + "); hold one lock across the test and the update";
    Out.TestedNote = "'" + F.Name + "' is tested here";
  } else if (P.Kind == RaceAccessKind::Update) {
    Out.Message = "read-modify-write of shared '" + F.Name + "' " + P.Where +
                  " is not atomic and races with it being " + verb(O.Kind) + " " + OtherWhere +
                  " (" + (P.Held.empty() && O.Held.empty() ? "no lock" : "no common lock") +
                  " held on both sides); make it " + F.Atomic + " or hold one mutex around both";
  } else {
    Out.Message = "shared '" + F.Name + "' is " + verb(P.Kind) + " " + P.Where + " with " +
                  heldText(P) + " held, and " + verb(O.Kind) + " " + OtherWhere + " with " +
                  heldText(O) + " held; guard both with one mutex or make it " + F.Atomic;
  }
  if (!F.SameAccess)
    Out.ConflictNote = std::string("conflicting ") + (isWrite(O.Kind) ? "write" : "read") +
                       " of '" + F.Name + "' " +
                       (F.SameThread ? AnotherInstance : F.OtherWhereAtItself);
  return Out;
}

std::string threadEntryNote(const std::string &Entry) {
  return "thread entry '" + Entry + "' starts here";
}

std::string quotedList(const std::vector<std::string> &Names) {
  std::string Out;
  for (size_t I = 0; I < Names.size(); ++I) {
    if (I)
      Out += I + 1 == Names.size() ? " and " : ", ";
    Out += "'" + Names[I] + "'";
  }
  return Out;
}

} // namespace concur::rules
