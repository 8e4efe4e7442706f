#include "LockAcrossSuspensionCheck.h"

#include "../model/AtomicClaims.h"
#include "../model/Locksets.h"
#include "../model/QualifiedNames.h"
#include "../model/SuspensionPoints.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace concur {

const char *LockAcrossSuspensionCheck::defaultCoroutineAwareLockTypes() {
  // Asynchronous mutexes: locking them is itself a co_await, and holding
  // them while suspended is what they are for. (The concur runtime has no
  // asynchronous mutex; its Mutex is a thread lock.)
  return "cppcoro::async_mutex;cppcoro::async_mutex_lock;"
         "folly::coro::Mutex;folly::coro::SharedMutex;folly::coro::SharedMutexFair;"
         "coro::mutex;coro::scoped_lock;coro::shared_mutex;"
         "boost::cobalt::;asio::experimental::;boost::asio::experimental::";
}

LockAcrossSuspensionCheck::LockAcrossSuspensionCheck(llvm::StringRef Name,
                                                     clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context),
      CoroutineAwareLockTypes(
          Options.get("CoroutineAwareLockTypes", defaultCoroutineAwareLockTypes())) {
  llvm::SmallVector<llvm::StringRef, 8> Items;
  llvm::StringRef(CoroutineAwareLockTypes).split(Items, ';', -1, false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim().ltrim(':');
    if (Item.empty())
      continue;
    if (Item.ends_with("::"))
      AwarePrefixes.push_back(Item.str());
    else
      AwareNames.push_back(Item.str());
  }
}

void LockAcrossSuspensionCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "CoroutineAwareLockTypes", CoroutineAwareLockTypes);
}

bool LockAcrossSuspensionCheck::matchesAwareType(const std::string &TypeName) const {
  if (TypeName.empty())
    return false;
  if (llvm::is_contained(AwareNames, TypeName))
    return true;
  return llvm::any_of(AwarePrefixes, [&](const std::string &Prefix) {
    return llvm::StringRef(TypeName).starts_with(Prefix);
  });
}

bool LockAcrossSuspensionCheck::isCoroutineAware(const HeldLock &Lock) const {
  auto NameOf = [](QualType T) -> std::string {
    const CXXRecordDecl *RD = classOfType(T);
    return RD ? genericName(RD) : std::string();
  };
  if (Lock.Id.Decl && matchesAwareType(NameOf(Lock.Id.Decl->getType())))
    return true;
  return Lock.Guard && matchesAwareType(NameOf(Lock.Guard->getType()));
}

namespace {

// The lock in the summary of the function \p Call enters that its caller
// sees as \p Id (the same global or field, or the mutex argument the callee
// names by its parameter).
const HeldLock *summaryLockFor(const LockCatalog &Catalog, const LockSummary &Summary, LockId Id,
                               const Expr *Call) {
  for (const HeldLock &H : Summary.Acquired)
    if (lockInCaller(Catalog, H.Id, Call) == Id)
      return &H;
  return nullptr;
}

} // namespace

void LockAcrossSuspensionCheck::noteAcquisition(const HeldLock &Lock,
                                                const FunctionDecl *Coroutine,
                                                const char *Keyword, Locksets &Locks) {
  std::string Name = lockName(Lock.Id);
  if (!Lock.AcquiredAt) {
    // Only REQUIRES(m) puts a lock in the entry lockset.
    diag(Coroutine->getLocation(), "'%0' is held on entry: '%1' requires it",
         DiagnosticIDs::Note)
        << Name << displayName(Coroutine);
    return;
  }
  if (Lock.Guard) {
    diag(Lock.AcquiredAt->getBeginLoc(),
         "'%0' acquired here by guard '%1', which stays alive until the end of its scope, "
         "past the %2",
         DiagnosticIDs::Note)
        << Name << Lock.Guard->getName() << Keyword;
    return;
  }
  const FunctionDecl *Callee = CallGraph::calleeOf(Lock.AcquiredAt);
  const HeldLock *Inner = nullptr;
  if (Callee && Locks.model().callGraph().isExplorable(Callee))
    Inner = summaryLockFor(Locks.catalog(), Locks.of(Callee).summary(), Lock.Id, Lock.AcquiredAt);
  if (!Inner) {
    diag(Lock.AcquiredAt->getBeginLoc(), "'%0' locked here and not unlocked before the %1",
         DiagnosticIDs::Note)
        << Name << Keyword;
    return;
  }
  diag(Lock.AcquiredAt->getBeginLoc(), "'%0' acquired here by the call to '%1', which returns "
                                       "with it held",
       DiagnosticIDs::Note)
      << Name << displayName(Callee);
  // Down the helpers to the lock call itself (bounded: summaries of
  // recursive helpers may point back up).
  for (unsigned Depth = 0; Inner && Inner->AcquiredAt && Depth < 8; ++Depth) {
    const FunctionDecl *Next = CallGraph::calleeOf(Inner->AcquiredAt);
    const HeldLock *Deeper = nullptr;
    if (Next && Locks.model().callGraph().isExplorable(Next))
      Deeper = summaryLockFor(Locks.catalog(), Locks.of(Next).summary(), Inner->Id, Inner->AcquiredAt);
    if (!Deeper) {
      diag(Inner->AcquiredAt->getBeginLoc(), "'%0' locks it here", DiagnosticIDs::Note)
          << displayName(Callee);
      return;
    }
    diag(Inner->AcquiredAt->getBeginLoc(), "'%0' calls '%1', which returns with it held",
         DiagnosticIDs::Note)
        << displayName(Callee) << displayName(Next);
    Callee = Next;
    Inner = Deeper;
  }
}

void LockAcrossSuspensionCheck::analyze(ConcurrencyModel &Model) {
  const SourceManager &SM = Model.astContext().getSourceManager();
  SuspensionPoints &Suspensions = Model.analysis<SuspensionPoints>();
  Locksets *Locks = nullptr; // built only when some coroutine suspends

  for (const FunctionDecl *Coro : Model.index().coroutines()) {
    if (SM.isInSystemHeader(Coro->getLocation()) || Coro->isDependentContext())
      continue;
    llvm::ArrayRef<SuspensionPoint> Points = Suspensions.of(Coro);
    if (Points.empty())
      continue;
    if (!Locks)
      Locks = &Model.analysis<Locksets>();
    const FunctionLocks &Facts = Locks->of(Coro);
    if (!Facts.hasCFG())
      continue;
    for (const SuspensionPoint &Point : Points) {
      const Lockset *Held = Facts.heldBefore(Point.SuspendsAt);
      if (!Held)
        continue; // unreachable
      Lockset Hostile;
      for (const HeldLock &H : *Held)
        if (!isCoroutineAware(H) && !isClaim(H.Id)) // a claim blocks no one
          Hostile.push_back(H);
      if (Hostile.empty())
        continue;
      diag(Point.Expr->getKeywordLoc(),
           "coroutine '%0' suspends at %1 while holding %2: a task that takes %select{it|them}3 "
           "on this thread while the coroutine is suspended deadlocks the event loop, and the "
           "coroutine may resume on a thread that does not own %select{it|them}3; release "
           "%select{the lock|the locks}3 before the %1 (end the guard's scope or unlock()), or "
           "use a coroutine-aware mutex")
          << displayName(Coro) << Point.keyword() << lockList(Hostile)
          << (Hostile.size() == 1 ? 0 : 1);
      for (const HeldLock &H : Hostile)
        noteAcquisition(H, Coro, Point.keyword(), *Locks);
    }
  }
}

} // namespace concur
