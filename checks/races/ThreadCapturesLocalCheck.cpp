#include "ThreadCapturesLocalCheck.h"

#include "../model/ExprWrappers.h"
#include "../model/QualifiedNames.h"
#include "../model/SharedAccesses.h"
#include "../model/ThreadLifetime.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {

ThreadCapturesLocalCheck::ThreadCapturesLocalCheck(llvm::StringRef Name,
                                                   clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context),
      CheckAddressArguments(Options.get("CheckAddressArguments", true)) {}

void ThreadCapturesLocalCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "CheckAddressArguments", CheckAddressArguments);
}

namespace {

/// Why a spawn can outlive its spawner's locals, with where to point.
struct Outliving {
  std::string Reason;       ///< completes "into a thread that ..."
  SourceLocation NoteAt;    ///< where it happens
  std::string Note;
};

/// The local variable a pool expression names, if the pool is a local.
const VarDecl *localPool(const Expr *Pool) {
  if (!Pool)
    return nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(ignoreValueWrappers(Pool));
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && V->hasLocalStorage() && !V->getType()->isReferenceType() ? V : nullptr;
}

bool isLaterDeclared(const VarDecl *A, const VarDecl *B, const SourceManager &SM) {
  return SM.isBeforeInTranslationUnit(B->getLocation(), A->getLocation());
}

} // namespace

void ThreadCapturesLocalCheck::analyze(ConcurrencyModel &Model) {
  SharedAccesses &SA = Model.analysis<SharedAccesses>();
  const std::vector<SpawnSite> &Spawns = SA.spawns().all();
  const SourceManager &SM = Model.astContext().getSourceManager();

  // The locals each spawn holds by reference; nothing else to do without.
  std::vector<llvm::SmallVector<SharedLocalUse, 2>> Uses(Spawns.size());
  bool Any = false;
  for (unsigned I = 0; I < Spawns.size(); ++I)
    for (const SharedLocalUse &U : SA.sharedLocalsOf(I)) {
      // A reference captured by reference names its referent, whose
      // lifetime is not this function's.
      if (U.Var->getType()->isReferenceType() || (U.ByAddress && !CheckAddressArguments))
        continue;
      Uses[I].push_back(U);
      Any = true;
    }
  if (!Any)
    return;

  ThreadLifetime &Threads = Model.analysis<ThreadLifetime>();
  llvm::DenseMap<const SpawnSite *, const Expr *> DetachedAt;
  for (const DetachSite &D : Threads.detachSites())
    for (const SpawnSite *S : D.Spawns)
      DetachedAt.try_emplace(S, D.Call);
  // A std::thread that can be destroyed joinable ends the program:
  // concur-unjoined-thread reports that, not a dangling local.
  llvm::DenseSet<const VarDecl *> DestroyedJoinable;
  for (const ThreadHazard &H : Threads.hazards(/*ExceptionPaths=*/false))
    DestroyedJoinable.insert(H.Thread);

  for (unsigned I = 0; I < Spawns.size(); ++I) {
    if (Uses[I].empty())
      continue;
    const SpawnSite &S = Spawns[I];
    const FunctionDecl *Spawner = S.Spawner;
    bool IsTask = S.Kind == SpawnKind::Async || S.Kind == SpawnKind::PoolSubmit;
    auto Escapes = [&] { return llvm::is_contained(SA.of(Spawner).Escaping, I); };
    std::optional<Outliving> Why;
    if (const Expr *Detach = DetachedAt.lookup(&S)) {
      Why = Outliving{"is detached", Detach->getExprLoc(), "the thread is detached here"};
    } else if (SA.spawnReturned(I)) {
      Why = Outliving{"is returned from '" + displayName(Spawner) + "'",
                      S.Site->getBeginLoc(),
                      std::string("the ") + (IsTask ? "task's future" : "thread") +
                          " is returned here"};
    } else if (const ValueDecl *Holder = SA.boundObject(I)) {
      const auto *Var = dyn_cast<VarDecl>(Holder);
      if (Var && Var->hasLocalStorage()) {
        if (DestroyedJoinable.contains(Var))
          continue;
        if (const Stmt *At = SA.abandonedAt(I))
          Why = Outliving{"is not waited for before '" + Var->getNameAsString() +
                              "' goes out of scope",
                          At->getEndLoc(),
                          "'" + Var->getNameAsString() +
                              "' ends here without a join or wait on every path "
                              "(it was moved away or dropped)"};
        else if (Escapes())
          Why = Outliving{"is not joined before '" + displayName(Spawner) + "' returns",
                          Var->getLocation(),
                          "its handle '" + Var->getNameAsString() + "' is never joined"};
      } else if (Escapes()) {
        Why = Outliving{"is stored in '" + Holder->getNameAsString() + "'",
                        S.Site->getBeginLoc(),
                        "stored here; nothing in '" + displayName(Spawner) +
                            "' joins it before returning"};
      }
    } else if (Escapes()) {
      // A local pool declared after the locals is destroyed (and drains its
      // queue) before them.
      const VarDecl *Pool = S.Kind == SpawnKind::PoolSubmit ? localPool(S.Pool) : nullptr;
      if (Pool && llvm::all_of(Uses[I], [&](const SharedLocalUse &U) {
            return isLaterDeclared(Pool, U.Var, SM);
          }))
        continue;
      Why = Outliving{"nothing waits for before '" + displayName(Spawner) + "' returns",
                      S.Site->getBeginLoc(),
                      std::string("the ") + (IsTask ? "task is submitted" : "thread starts") +
                          " here and is not waited for in '" + displayName(Spawner) + "'"};
    }
    if (!Why)
      continue;

    for (const SharedLocalUse &U : Uses[I]) {
      const char *How = U.ByAddress ? "by address" : "by reference";
      diag(U.At, "local '%0' is passed %1 to a %2 that %3, so the %2 can use it after "
                 "'%4' returns and '%0' is destroyed; pass it by value, %5, or join the %2 "
                 "before '%0' goes out of scope")
          << U.Var->getName() << How << (IsTask ? "task" : "thread") << Why->Reason
          << displayName(Spawner)
          << (Model.astContext().getLangOpts().CPlusPlus
                  ? "give it shared ownership (std::shared_ptr)"
                  : "allocate it (malloc) and let the thread free it");
      diag(Why->NoteAt, "%0", DiagnosticIDs::Note) << Why->Note;
      diag(U.Var->getLocation(), "'%0' is a local of '%1', declared here", DiagnosticIDs::Note)
          << U.Var->getName() << displayName(Spawner);
    }
  }
}

} // namespace concur
