#include "UnguardedSharedStateCheck.h"

#include "../model/ChannelOrder.h"
#include "../model/OnceRegions.h"
#include "../model/QualifiedNames.h"
#include "../model/SharedAccesses.h"
#include "../model/SummaryExport.h"
#include "../rules/SharedStateRace.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

#include <map>

using namespace clang;

namespace concur {
namespace {

/// One access as seen from a thread: on spawn Thread's thread (a thread
/// side access), or on a thread that is not spawned here while the spawns
/// in Running run (Thread < 0).
struct Record {
  const Access *A;
  int Thread;
  llvm::SmallVector<unsigned, 2> Running;
  const FunctionDecl *Root; ///< the entry or spawner the chain starts from
  /// The locks held at the access: its own, plus those every caller of
  /// Root holds around the call.
  Lockset Held;
  /// The atomics' first transitions it runs behind, likewise.
  Claims Claimed;
  /// How a one-time initialisation orders it (OnceRegions.h).
  std::optional<OnceOrder> Once;
};

rules::RaceAccessKind kindOf(const Access &A) {
  switch (A.Kind) {
  case AccessKind::Read:
    return rules::RaceAccessKind::Read;
  case AccessKind::Write:
    return rules::RaceAccessKind::Write;
  case AccessKind::ReadModifyWrite:
    return rules::RaceAccessKind::Update;
  }
  return rules::RaceAccessKind::Write;
}

unsigned rank(const Access &A, const SourceManager &SM) {
  return SM.getFileOffset(SM.getExpansionLoc(A.Site->getExprLoc()));
}

using RecordsByLocation =
    std::map<std::pair<const void *, const void *>, std::vector<const Record *>>;

/// A race to report: Primary is the side shown (the one needing the fix).
struct RacePair {
  const Record *Primary;
  const Record *Other;
};

/// Thread pairs already asked about: a pair recurs at every location both
/// threads touch, and each answer scans the spawns running at a start.
using ConcurrentThreads = llvm::DenseMap<std::pair<int, int>, bool>;

/// Whether \p X and \p Y can run at the same time with nothing keeping
/// them apart (cheap tests first).
bool mayRace(const Record &X, const Record &Y, SharedAccesses &SA, ChannelOrder &Order,
             ConcurrentThreads &Asked) {
  if (!X.A->Loc.overlaps(Y.A->Loc) || commonExclusion(X.Held, Y.Held) ||
      shareClaim(X.Claimed, Y.Claimed) || (X.Once && Y.Once && X.Once->orders(*Y.Once)))
    return false;
  bool Concurrent = false;
  if (X.Thread >= 0 && Y.Thread >= 0) {
    auto [It, Fresh] = Asked.try_emplace({X.Thread, Y.Thread});
    if (Fresh)
      It->second = SA.concurrent(X.Thread, Y.Thread);
    Concurrent = It->second;
  } else if (X.Thread >= 0) {
    Concurrent = llvm::is_contained(Y.Running, unsigned(X.Thread));
  } else if (Y.Thread >= 0) {
    Concurrent = llvm::is_contained(X.Running, unsigned(Y.Thread));
  }
  if (!Concurrent || !SA.mayShareObject(*X.A, X.Thread, *Y.A, Y.Thread))
    return false;
  // A thread's entry names channels by its parameters: the spawn's
  // arguments say which.
  auto RootOf = [&](const Record &R) {
    return ChannelOrder::Root{R.Root, R.Thread >= 0 ? SA.spawnArguments(R.Thread, R.Root)
                                                    : llvm::ArrayRef<const Expr *>()};
  };
  return !Order.ordered(*X.A, RootOf(X), *Y.A, RootOf(Y)) &&
         !Order.ordered(*Y.A, RootOf(Y), *X.A, RootOf(X));
}

/// The races among the accesses to each location, as rules/SharedStateRace.h
/// chooses them, in source order.
std::vector<RacePair> racePairs(RecordsByLocation &ByLocation, SharedAccesses &SA,
                                ChannelOrder &Order, const SourceManager &SM,
                                const report::RaceOptions &Options) {
  std::vector<RacePair> Findings;
  llvm::DenseMap<const Expr *, size_t> Sites;
  std::set<size_t> Reported;
  ConcurrentThreads Asked;
  // Locations in source order (the map's order is the declarations'
  // addresses): a place reached through a pointer is reported once, for
  // the first location that claims it, so the order must not change from
  // one run to the next.
  std::vector<std::vector<const Record *> *> Groups;
  for (auto &[Key, Group] : ByLocation) {
    llvm::stable_sort(Group, [&](const Record *X, const Record *Y) {
      return rank(*X->A, SM) < rank(*Y->A, SM);
    });
    Groups.push_back(&Group);
  }
  // Ties (one place first in both) go to the location declared first.
  auto Declared = [](const AccessLocation &L) {
    return L.Var ? L.Var->getLocation() : L.Field->getLocation();
  };
  llvm::stable_sort(Groups, [&](const auto *X, const auto *Y) {
    const Access &A = *X->front()->A, &B = *Y->front()->A;
    unsigned RA = rank(A, SM), RB = rank(B, SM);
    if (RA != RB)
      return RA < RB;
    SourceLocation DA = Declared(A.Loc), DB = Declared(B.Loc);
    if (DA != DB)
      return SM.isBeforeInTranslationUnit(DA, DB);
    return A.Loc.name() < B.Loc.name();
  });
  for (std::vector<const Record *> *GroupPtr : Groups) {
    std::vector<const Record *> &Group = *GroupPtr;
    std::vector<rules::RaceAccessFacts> Facts;
    for (const Record *R : Group)
      Facts.push_back({kindOf(*R->A), !R->Held.empty(),
                       Sites.try_emplace(R->A->Site, Sites.size()).first->second});
    auto MayRace = [&](size_t I, size_t J) {
      return mayRace(*Group[I], *Group[J], SA, Order, Asked);
    };
    for (auto [I, J] : rules::racesToReport(Facts, MayRace, Options, Reported))
      Findings.push_back({Group[I], Group[J]});
  }
  return Findings;
}

} // namespace

UnguardedSharedStateCheck::UnguardedSharedStateCheck(llvm::StringRef Name,
                                                     clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context),
      Opts{Options.get("ReportReads", report::RaceOptions().ReportReads),
           Options.get("MaxFindingsPerLocation", report::RaceOptions().MaxFindingsPerLocation)} {}

void UnguardedSharedStateCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "ReportReads", this->Opts.ReportReads);
  Options.store(Opts, "MaxFindingsPerLocation", this->Opts.MaxFindingsPerLocation);
}

void UnguardedSharedStateCheck::analyze(ConcurrencyModel &Model) {
  Model.analysis<JoinFacts>().Options.Races = Opts;
  SharedAccesses &SA = Model.analysis<SharedAccesses>();
  const std::vector<SpawnSite> &Spawns = SA.spawns().all();
  if (Spawns.empty())
    return;
  const SourceManager &SM = Model.astContext().getSourceManager();

  // Thread-side accesses: each spawn's entries with their callees. What a
  // one-time initialisation writes is set-up (OnceRegions.h).
  OnceRegions &Once = Model.analysis<OnceRegions>();
  std::vector<Record> Records;
  for (unsigned I = 0; I < Spawns.size(); ++I) {
    if (Spawns[I].Policy == LaunchPolicy::Deferred)
      continue;
    for (const FunctionDecl *Entry : Spawns[I].Entries)
      for (const Access &A : SA.ofThread(I, Entry))
        if (!Once.setsUp(A, Entry))
          Records.push_back({&A, int(I), {}, Entry, A.Held});
  }
  // Accesses made while spawns run, in spawners and their callers.
  for (const FunctionDecl *F : SA.functionsWithRunningSpawns())
    for (const AccessWhileRunning &W : SA.of(F).WhileRunning)
      if (!Once.setsUp(W.A, F))
        Records.push_back({&W.A, -1, W.Running, F, W.A.Held});
  for (Record &R : Records) {
    R.Held = unionOf(R.Held, SA.locksets().heldByEveryCaller(R.Root));
    R.Claimed = unionOf(R.A->Claimed, takeClaims(R.Held));
    R.Once = Once.orderOf(*R.A, R.Root);
  }

  // Group by location, in source order of the first access.
  RecordsByLocation ByLocation;
  for (const Record &R : Records)
    ByLocation[{R.A->Loc.Var, R.A->Loc.Field}].push_back(&R);

  std::vector<RacePair> Findings =
      racePairs(ByLocation, SA, Model.analysis<ChannelOrder>(), SM, Opts);

  // Where R's access runs, for a message shown at \p Shown: the thread's
  // start names its file too when that is another file.
  auto Where = [&](const Record &R, SourceLocation Shown) -> std::string {
    if (R.Thread < 0)
      return rules::whileThatThreadRuns(displayName(R.Root));
    SourceLocation Start = SM.getExpansionLoc(Spawns[R.Thread].Site->getBeginLoc());
    std::string FileName;
    FileID StartFile = SM.getFileID(Start);
    if (StartFile != SM.getFileID(SM.getExpansionLoc(Shown)))
      if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(StartFile))
        FileName = llvm::sys::path::filename(Entry->getName()).str();
    return rules::onThreadStartedAt(SM.getExpansionLineNumber(Start), FileName);
  };
  auto ChainNotes = [&](const Record &R) {
    if (R.Thread >= 0)
      diag(Spawns[R.Thread].Site->getBeginLoc(), "%0", DiagnosticIDs::Note)
          << rules::threadEntryNote(displayName(R.Root));
    notePath(R.Root, R.A->Chain);
  };
  auto LockNote = [&](const Record &R) {
    if (!R.Held.empty() && R.Held.front().AcquiredAt)
      diag(R.Held.front().AcquiredAt->getBeginLoc(), "%0 %select{is|are}1 held here",
           DiagnosticIDs::Note)
          << lockList(R.Held) << (R.Held.size() == 1 ? 0 : 1);
  };

  for (const RacePair &F : Findings) {
    const Access &P = *F.Primary->A;
    const Access &O = *F.Other->A;
    SourceLocation At = P.Site->getExprLoc();
    rules::RaceWordingFacts Facts;
    Facts.Name = P.Loc.name();
    Facts.Shown = {kindOf(P), Where(*F.Primary, At), lockNames(F.Primary->Held)};
    Facts.Other = {kindOf(O), Where(*F.Other, At), lockNames(F.Other->Held)};
    Facts.OtherWhereAtItself = Where(*F.Other, O.Site->getExprLoc());
    Facts.OtherOnThread = F.Other->Thread >= 0;
    Facts.SameThread = F.Other->Thread >= 0 && F.Other->Thread == F.Primary->Thread;
    Facts.SameEntry = F.Other->Root == F.Primary->Root;
    Facts.SameAccess = O.Site == P.Site && F.Primary == F.Other;
    Facts.CheckThenAct = P.CheckedAt != nullptr;
    // C has _Atomic where C++ has std::atomic.
    if (!Model.astContext().getLangOpts().CPlusPlus)
      Facts.Atomic = "an _Atomic type";
    rules::RaceFinding Words = rules::raceWording(Facts);
    diag(At, "%0") << Words.Message;
    if (!Words.TestedNote.empty())
      diag(P.CheckedAt->getExprLoc(), "%0", DiagnosticIDs::Note) << Words.TestedNote;
    ChainNotes(*F.Primary);
    LockNote(*F.Primary);
    if (!Words.ConflictNote.empty())
      diag(O.Site->getExprLoc(), "%0", DiagnosticIDs::Note) << Words.ConflictNote;
    if (F.Other != F.Primary) {
      ChainNotes(*F.Other);
      LockNote(*F.Other);
    }
  }
}

} // namespace concur
