#include "BlockingCallUnderLockCheck.h"

#include "../model/AtomicClaims.h"
#include "../model/ConditionWaits.h"
#include "../model/QualifiedNames.h"

#include "clang/AST/Expr.h"

using namespace clang;

namespace concur {

namespace {

/// A blocking call reached while locks are held.
struct Candidate {
  const FunctionDecl *F;
  CallPath Chain; ///< the call under the lock, then hops to the blocking call
  const BlockingEntry *Entry;
  Lockset During;
};

/// A blocking call already reported where it is made, under a lock its
/// function holds (asserted, or taken there), is one hazard: its callers
/// holding that same lock add no finding of their own.
void dropLocksReportedDirectly(std::vector<Candidate> &Candidates) {
  llvm::DenseMap<const Expr *, llvm::SmallVector<const ValueDecl *, 2>> ReportedDirectly;
  for (const Candidate &C : Candidates)
    if (C.Chain.size() == 1)
      for (const HeldLock &H : C.During)
        ReportedDirectly[C.Chain.front()->Call].push_back(H.Id.Decl);
  for (Candidate &C : Candidates)
    if (C.Chain.size() > 1)
      if (auto It = ReportedDirectly.find(C.Chain.back()->Call); It != ReportedDirectly.end())
        llvm::erase_if(C.During,
                       [&](const HeldLock &H) { return llvm::is_contained(It->second, H.Id.Decl); });
}

} // namespace

static constexpr const char *FileOutputFunctions[] = {"write",
                                                      "pwrite",
                                                      "writev",
                                                      "fwrite",
                                                      "fputs",
                                                      "fputc",
                                                      "putc",
                                                      "fflush",
                                                      "fsync",
                                                      "fdatasync",
                                                      "sync",
                                                      "open",
                                                      "openat",
                                                      "creat",
                                                      "fopen",
                                                      "freopen",
                                                      "fclose",
                                                      "std::basic_ofstream::operator<<",
                                                      "std::basic_ofstream::put",
                                                      "std::basic_ofstream::write",
                                                      "std::basic_ofstream::flush",
                                                      "std::basic_ofstream::open",
                                                      "std::basic_ofstream::close",
                                                      "std::basic_ofstream::basic_ofstream",
                                                      "std::basic_fstream::operator<<",
                                                      "std::basic_fstream::put",
                                                      "std::basic_fstream::write",
                                                      "std::basic_fstream::flush"};

llvm::ArrayRef<const char *> BlockingCallUnderLockCheck::fileOutputFunctions() {
  return FileOutputFunctions;
}

BlockingCallUnderLockCheck::BlockingCallUnderLockCheck(llvm::StringRef Name,
                                                       clang::tidy::ClangTidyContext *Context)
    : LockCheckBase(Name, Context),
      BlockingFunctions(Options.getLocalOrGlobal("BlockingFunctions", "")),
      AllowedFunctions(Options.getLocalOrGlobal("AllowedFunctions", "")),
      ReportFileOutput(Options.get("ReportFileOutput", false)),
      Catalog(BlockingFunctions, AllowedFunctions) {}

void BlockingCallUnderLockCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  LockCheckBase::storeOptions(Opts);
  Options.store(Opts, "BlockingFunctions", BlockingFunctions);
  Options.store(Opts, "AllowedFunctions", AllowedFunctions);
  Options.store(Opts, "ReportFileOutput", ReportFileOutput);
}

void BlockingCallUnderLockCheck::analyze(ConcurrencyModel &Model) {
  auto &Acquisitions = Model.analysis<LockAcquisitions>();
  Locksets &Locks = Acquisitions.locksets();
  const ConditionWaits &Conditions = Model.analysis<ConditionWaits>();

  // Acquiring another mutex is concur-lock-order-inversion's question.
  auto Blocks = [&](const CallSite &Site) -> const BlockingEntry * {
    const BlockingEntry *E = Catalog.classify(Site);
    if (!E || E->Category == BlockingCategory::Lock)
      return nullptr;
    if (!ReportFileOutput && llvm::is_contained(FileOutputFunctions, llvm::StringRef(E->Name)))
      return nullptr;
    return E;
  };
  // The first blocking call each callee reaches (memoised: many call sites
  // share callees).
  llvm::DenseMap<const FunctionDecl *, std::optional<CallPath>> Reaches;
  CallGraph::SearchLimits Limits;
  Limits.MaxDepth = MaxCallDepth > 0 ? MaxCallDepth - 1 : 0;
  auto FirstBlocking = [&](const FunctionDecl *Callee) -> const std::optional<CallPath> & {
    auto [It, Fresh] = Reaches.try_emplace(Callee);
    if (Fresh) {
      // A condition wait on the caller's lock (a wait primitive such as
      // CondVar::Wait()) sleeps with that lock released.
      std::vector<CallPath> Paths = Model.callGraph().findPaths(
          Callee,
          [&](const CallSite &S) {
            return Blocks(S) != nullptr && !Conditions.releasesCallersLock(S.Call);
          },
          Limits);
      if (!Paths.empty())
        It->second = std::move(Paths.front());
    }
    return It->second;
  };

  std::vector<Candidate> Candidates;
  for (const FunctionDecl *F : Model.index().functions()) {
    if (!isUserCode(Model, F))
      continue;
    const FunctionLocks &Held = Locks.of(F);
    for (const CallSite &Site : Model.callGraph().callsIn(F)) {
      const Lockset *Before = Held.heldBefore(Site.Call);
      if (!Before || Before->empty())
        continue;
      // Holding a semaphore unit while working (and blocking) is what it
      // is for: it limits how many do, not who waits.
      Lockset During = *Before;
      // Nor does the winner of an atomic's claim make anyone wait.
      llvm::erase_if(During, [](const HeldLock &H) {
        return nobodyWaitsFor(H.Id);
      });
      if (During.empty())
        continue;
      const BlockingEntry *Direct = Blocks(Site);
      CallPath Chain{&Site};
      if (Direct) {
        // A condition wait releases its own mutex while it sleeps.
        if (const auto *Call = dyn_cast<CallExpr>(Site.Call)) {
          if (auto Released = Conditions.releasedByWait(Call))
            llvm::erase_if(During,
                           [&](const HeldLock &H) { return llvm::is_contained(*Released, H.Id); });
        }
      } else if (Site.Callee && Model.callGraph().isExplorable(Site.Callee)) {
        const std::optional<CallPath> &Path = FirstBlocking(Site.Callee);
        if (!Path)
          continue;
        During = Locks.heldThroughCall(During, Site.Call, Site.Callee);
        // A callee that lets go of the caller's lock before it blocks
        // (`mu->Unlock(); worker.join(); mu->Lock();`) blocks without it.
        During = Locks.heldAlong(During, Site, *Path);
        Chain.append(Path->begin(), Path->end());
        Direct = Blocks(*Chain.back());
      }
      if (Direct && !During.empty())
        Candidates.push_back({F, std::move(Chain), Direct, std::move(During)});
    }
  }
  if (Candidates.empty())
    return;

  // A lock that is only ever held around blocking work serialises that work
  // on purpose (one map() at a time, one joiner, one writer per pipe): no
  // thread takes it expecting a short wait. Report a lock only if some
  // other function takes it without blocking under it: that is the thread
  // that stalls.
  llvm::DenseMap<const ValueDecl *, llvm::SmallPtrSet<const FunctionDecl *, 4>> BlocksUnder;
  for (const Candidate &C : Candidates)
    for (const HeldLock &H : C.During)
      BlocksUnder[H.Id.Decl].insert(C.F);
  llvm::DenseMap<const ValueDecl *, const LockAcquisition *> Stalled;
  for (const FunctionDecl *G : Model.index().functions()) {
    if (!isUserCode(Model, G))
      continue;
    for (const DirectAcquisition &D : Acquisitions.of(G).Direct) {
      auto It = BlocksUnder.find(D.What.Id.Decl);
      if (It != BlocksUnder.end() && !It->second.contains(G) && !Stalled.count(D.What.Id.Decl))
        Stalled[D.What.Id.Decl] = &D.What;
    }
  }

  for (Candidate &C : Candidates)
    llvm::erase_if(C.During, [&](const HeldLock &H) { return !Stalled.count(H.Id.Decl); });
  dropLocksReportedDirectly(Candidates);
  for (Candidate &C : Candidates) {
    if (C.During.empty())
      continue;
    const CallSite &Site = *C.Chain.front();
    const CallSite &Blocking = *C.Chain.back();
    const BlockingEntry &E = *C.Entry;
    std::string Blocker = E.Name.empty() ? displayName(Blocking.Callee) : E.Name;
    std::string Locked = lockList(C.During);
    if (C.Chain.size() == 1) {
      diag(Site.Loc, "%0 call to '%1' while holding %2: every thread that needs %2 "
                     "stalls until it returns; release the lock before blocking (copy "
                     "what is needed under it), or wait on a condition variable that "
                     "releases it")
          << categoryName(E.Category) << Blocker << Locked;
    } else {
      diag(Site.Loc, "'%0' reaches %1 call '%2' while %3 %select{is|are}4 held here: every thread "
                     "that needs %3 stalls until it returns; call it after releasing "
                     "the lock")
          << displayName(Site.Callee) << categoryName(E.Category) << Blocker << Locked
          << (C.During.size() == 1 ? 0 : 1);
      noteHops(CallPath(C.Chain.begin(), C.Chain.end() - 1));
      diag(Blocking.Loc, "'%0' blocks here (%1)", DiagnosticIDs::Note)
          << Blocker << categoryName(E.Category);
    }
    for (const HeldLock &H : C.During)
      if (std::optional<LockAcquisition> Origin = Acquisitions.originOf(C.F, H))
        noteAcquisition(C.F, *Origin, "'" + lockName(H.Id) + "' is acquired");
    const LockAcquisition &Other = *Stalled[C.During.front().Id.Decl];
    diag(Other.Site->getBeginLoc(), "'%0' also takes '%1' here and waits meanwhile",
         DiagnosticIDs::Note)
        << displayName(Other.In) << lockName(C.During.front().Id);
  }
}

} // namespace concur
