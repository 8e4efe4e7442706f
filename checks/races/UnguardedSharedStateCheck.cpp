#include "UnguardedSharedStateCheck.h"

#include "../model/ChannelOrder.h"
#include "../model/QualifiedNames.h"
#include "../model/SharedAccesses.h"

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
};

bool isWrite(const Access &A) { return A.Kind != AccessKind::Read; }

const char *verb(const Access &A) {
  switch (A.Kind) {
  case AccessKind::Read:
    return "read";
  case AccessKind::Write:
    return "written";
  case AccessKind::ReadModifyWrite:
    return "updated";
  }
  return "accessed";
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

/// The races among the accesses to each location, at most
/// \p MaxFindingsPerLocation each, in source order.
std::vector<RacePair> racePairs(RecordsByLocation &ByLocation, SharedAccesses &SA,
                                ChannelOrder &Order, const SourceManager &SM, bool ReportReads,
                                unsigned MaxFindingsPerLocation) {
  std::vector<RacePair> Findings;
  llvm::DenseSet<const Expr *> Reported;
  auto rootOf = [&](const Record &R) {
    return ChannelOrder::Root{R.Root, R.Thread >= 0 ? SA.spawnArguments(R.Thread, R.Root)
                                                    : llvm::ArrayRef<const Expr *>()};
  };
  // Every pair of a location's accesses may be tried, and a thread pair
  // recurs at every location both threads touch: ask the model once per
  // pair (each answer scans the spawns running at a start).
  llvm::DenseMap<std::pair<int, int>, bool> ThreadsConcurrent;
  auto Concurrent = [&](const Record &X, const Record &Y) {
    if (X.Thread >= 0 && Y.Thread >= 0) {
      auto [It, Fresh] = ThreadsConcurrent.try_emplace({X.Thread, Y.Thread});
      if (Fresh)
        It->second = SA.concurrent(X.Thread, Y.Thread);
      return It->second;
    }
    if (X.Thread >= 0)
      return llvm::is_contained(Y.Running, unsigned(X.Thread));
    if (Y.Thread >= 0)
      return llvm::is_contained(X.Running, unsigned(Y.Thread));
    return false;
  };
  for (auto &[Key, Group] : ByLocation) {
    llvm::stable_sort(Group, [&](const Record *X, const Record *Y) {
      return rank(*X->A, SM) < rank(*Y->A, SM);
    });
    if (!llvm::any_of(Group, [](const Record *R) { return isWrite(*R->A); }))
      continue;
    unsigned Count = 0;
    for (size_t I = 0; I < Group.size() && Count < MaxFindingsPerLocation; ++I) {
      const Record &X = *Group[I];
      for (size_t J = 0; J < Group.size(); ++J) {
        const Record &Y = *Group[J];
        if ((!isWrite(*X.A) && !isWrite(*Y.A)) || !X.A->Loc.overlaps(Y.A->Loc))
          continue;
        // Report the side that needs the fix: the unlocked one, else the
        // write. Tested first: it is the cheapest way to pass a pair by.
        bool XUnlocked = X.Held.empty(), YUnlocked = Y.Held.empty();
        bool XPrimary = XUnlocked != YUnlocked ? XUnlocked
                        : isWrite(*X.A) != isWrite(*Y.A) ? isWrite(*X.A)
                                                           : true;
        if (!XPrimary || (!isWrite(*X.A) && !ReportReads))
          continue;
        if (commonExclusion(X.Held, Y.Held) || shareClaim(X.Claimed, Y.Claimed) ||
            !Concurrent(X, Y) || !SA.mayShareObject(*X.A, X.Thread, *Y.A, Y.Thread) ||
            Order.ordered(*X.A, rootOf(X), *Y.A, rootOf(Y)) ||
            Order.ordered(*Y.A, rootOf(Y), *X.A, rootOf(X)))
          continue;
        if (!Reported.insert(X.A->Site).second)
          break;
        Findings.push_back({&X, &Y});
        ++Count;
        break;
      }
    }
  }
  return Findings;
}

} // namespace

UnguardedSharedStateCheck::UnguardedSharedStateCheck(llvm::StringRef Name,
                                                     clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context), ReportReads(Options.get("ReportReads", true)),
      MaxFindingsPerLocation(Options.get("MaxFindingsPerLocation", 3U)) {}

void UnguardedSharedStateCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "ReportReads", ReportReads);
  Options.store(Opts, "MaxFindingsPerLocation", MaxFindingsPerLocation);
}

void UnguardedSharedStateCheck::analyze(ConcurrencyModel &Model) {
  SharedAccesses &SA = Model.analysis<SharedAccesses>();
  const std::vector<SpawnSite> &Spawns = SA.spawns().all();
  if (Spawns.empty())
    return;
  const SourceManager &SM = Model.astContext().getSourceManager();

  // Thread-side accesses: each spawn's entries with their callees.
  std::vector<Record> Records;
  for (unsigned I = 0; I < Spawns.size(); ++I) {
    if (Spawns[I].Policy == LaunchPolicy::Deferred)
      continue;
    for (const FunctionDecl *Entry : Spawns[I].Entries)
      for (const Access &A : SA.ofThread(I, Entry))
        Records.push_back({&A, int(I), {}, Entry, A.Held});
  }
  // Accesses made while spawns run, in spawners and their callers.
  for (const FunctionDecl *F : SA.functionsWithRunningSpawns())
    for (const AccessWhileRunning &W : SA.of(F).WhileRunning)
      Records.push_back({&W.A, -1, W.Running, F, W.A.Held});
  for (Record &R : Records) {
    R.Held = unionOf(R.Held, SA.locksets().heldByEveryCaller(R.Root));
    R.Claimed = unionOf(R.A->Claimed, takeClaims(R.Held));
  }

  // Group by location, in source order of the first access.
  RecordsByLocation ByLocation;
  for (const Record &R : Records)
    ByLocation[{R.A->Loc.Var, R.A->Loc.Field}].push_back(&R);

  std::vector<RacePair> Findings =
      racePairs(ByLocation, SA, Model.analysis<ChannelOrder>(), SM, ReportReads, MaxFindingsPerLocation);

  // C has _Atomic where C++ has std::atomic.
  const char *Atomic =
      Model.astContext().getLangOpts().CPlusPlus ? "std::atomic" : "an _Atomic type";
  // Where R's access runs, for a message shown at \p Shown: the thread's
  // start names its file too when that is another file.
  auto Where = [&](const Record &R, SourceLocation Shown) -> std::string {
    if (R.Thread < 0)
      return "in '" + displayName(R.Root) + "' while that thread runs";
    SourceLocation Start = SM.getExpansionLoc(Spawns[R.Thread].Site->getBeginLoc());
    std::string Text =
        "on the thread started at line " + std::to_string(SM.getExpansionLineNumber(Start));
    FileID StartFile = SM.getFileID(Start);
    if (StartFile != SM.getFileID(SM.getExpansionLoc(Shown)))
      if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(StartFile))
        Text += " of " + llvm::sys::path::filename(Entry->getName()).str();
    return Text;
  };
  auto ChainNotes = [&](const Record &R) {
    if (R.Thread >= 0)
      diag(Spawns[R.Thread].Site->getBeginLoc(), "thread entry '%0' starts here",
           DiagnosticIDs::Note)
          << displayName(R.Root);
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
    // In the message the primary side's start is named first: a second
    // thread started on that same line is not named by its line again.
    auto OtherWhere = [&](SourceLocation Shown) {
      return F.Other->Thread >= 0 && F.Other->Thread == F.Primary->Thread
                 ? std::string("on another instance of that thread")
                 : Where(*F.Other, Shown);
    };
    auto OtherInMessage = [&]() -> std::string {
      std::string Text = OtherWhere(At);
      if (F.Other->Thread < 0 || Text != Where(*F.Primary, At))
        return Text;
      return F.Other->Root == F.Primary->Root
                 ? "on another instance of that thread"
                 : "on another thread started on that line";
    };
    std::string Name = P.Loc.name();
    const Lockset &OHeld = F.Other->Held, &PHeld = F.Primary->Held;
    std::string Held = OHeld.empty() ? std::string("no lock")
                                     : "only " + lockList(OHeld);
    std::string Mine = PHeld.empty() ? std::string("no lock")
                                     : "only " + lockList(PHeld);
    if (P.CheckedAt && isWrite(P)) {
      diag(P.Site->getExprLoc(),
           "check-then-act on shared '%0': it is tested and then %1 %2 with %3 held, "
           "while another thread can change it in between (%4 %5); hold one lock "
           "across the test and the update")
          << Name << verb(P) << Where(*F.Primary, At) << Mine << verb(O) << OtherInMessage();
      diag(P.CheckedAt->getExprLoc(), "'%0' is tested here", DiagnosticIDs::Note) << Name;
    } else if (P.Kind == AccessKind::ReadModifyWrite) {
      diag(P.Site->getExprLoc(),
           "read-modify-write of shared '%0' %1 is not atomic and races with it being "
           "%2 %3 (%4 held on both sides); make it %5 or hold one mutex "
           "around both")
          << Name << Where(*F.Primary, At) << verb(O) << OtherInMessage()
          << (PHeld.empty() && OHeld.empty() ? "no lock" : "no common lock") << Atomic;
    } else {
      diag(P.Site->getExprLoc(),
           "shared '%0' is %1 %2 with %3 held, and %4 %5 with %6 held; guard both "
           "with one mutex or make it %7")
          << Name << verb(P) << Where(*F.Primary, At) << Mine << verb(O) << OtherInMessage()
          << Held << Atomic;
    }
    ChainNotes(*F.Primary);
    LockNote(*F.Primary);
    if (O.Site != P.Site || F.Primary != F.Other)
      diag(O.Site->getExprLoc(), "conflicting %0 of '%1' %2", DiagnosticIDs::Note)
          << (O.Kind == AccessKind::Read ? "read" : "write") << Name
          << OtherWhere(O.Site->getExprLoc());
    if (F.Other != F.Primary) {
      ChainNotes(*F.Other);
      LockNote(*F.Other);
    }
  }
}

} // namespace concur
