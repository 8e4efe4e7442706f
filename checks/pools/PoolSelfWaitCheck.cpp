#include "PoolSelfWaitCheck.h"

#include "../model/ExprWrappers.h"

#include "../model/QualifiedNames.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {

PoolSelfWaitCheck::PoolSelfWaitCheck(llvm::StringRef Name,
                                     clang::tidy::ClangTidyContext *Context)
    : PoolCheckBase(Name, Context), MaxCallDepth(Options.get("MaxCallDepth", 8U)) {}

void PoolSelfWaitCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  PoolCheckBase::storeOptions(Opts);
  Options.store(Opts, "MaxCallDepth", MaxCallDepth);
}

namespace {

/// Maps a pool named by a parameter of a function on the call chain back to
/// what the caller passed, hop by hop, until it names something in the task.
const ValueDecl *keyAtTask(const ValueDecl *Key, const CallPath &Path, size_t LeafHop,
                           const PoolModel &Pools) {
  for (size_t I = LeafHop; Key && I-- > 0;) {
    const auto *Param = dyn_cast<ParmVarDecl>(Key);
    const CallSite &Hop = *Path[I];
    const auto *Owner = Param ? dyn_cast<FunctionDecl>(Param->getDeclContext()) : nullptr;
    if (!Owner || Owner->getCanonicalDecl() != Hop.Callee->getCanonicalDecl())
      return Key;
    const auto *Call = dyn_cast<CallExpr>(Hop.Call);
    const Expr *Arg = Call ? argumentFor(Call, Param) : nullptr;
    if (!Arg)
      return nullptr;
    Key = Pools.poolKey(Arg);
  }
  return Key;
}

} // namespace

void PoolSelfWaitCheck::analyze(ConcurrencyModel &Model) {
  PoolModel &Pools = Model.analysis<PoolModel>();
  CallGraph::SearchLimits Limits;
  Limits.MaxDepth = MaxCallDepth;
  auto IsWait = [&](const CallSite &C) {
    return Config.isFutureWait(C) || Config.isPoolWait(C);
  };

  for (const SpawnSite &S : Pools.spawns().all()) {
    if (S.Kind != SpawnKind::PoolSubmit || !S.Pool)
      continue;
    const ValueDecl *Pool = Pools.poolKey(S.Pool);
    if (!Pool)
      continue;
    for (const FunctionDecl *Entry : S.Entries) {
      for (const CallPath &Path : Model.callGraph().findPaths(Entry, IsWait, Limits)) {
        const CallSite &Wait = *Path.back();
        const FunctionDecl *WaitIn = Path.size() == 1 ? Entry : Path[Path.size() - 2]->Callee;
        const Expr *Origin = nullptr;
        bool WholePool = Config.isPoolWait(Wait);
        if (WholePool) {
          if (keyAtTask(Pools.poolKey(PoolModel::objectOf(Wait)), Path, Path.size() - 1,
                        Pools) == Pool)
            Origin = Wait.Call;
        } else {
          for (const Expr *O : Pools.originsOf(PoolModel::objectOf(Wait), WaitIn, Config)) {
            const SpawnSite *Producer = Pools.spawnOf(O);
            if (Producer && Producer->Kind == SpawnKind::PoolSubmit && Producer->Pool &&
                keyAtTask(Pools.poolKey(Producer->Pool), Path, Path.size() - 1, Pools) ==
                    Pool) {
              Origin = O;
              break;
            }
          }
        }
        if (!Origin)
          continue;
        std::string PoolName = Pool->getName().str();
        std::string What = WholePool ? "on all work of its own pool '" + PoolName + "'"
                                     : "on a future of its own pool '" + PoolName + "'";
        const char *Fix = "once every worker of the pool waits, the awaited work never "
                          "runs (deadlock); return the future to the caller, chain a "
                          "continuation, or run the inner work on a different pool";
        if (Path.size() == 1)
          diag(Wait.Loc, "task running on pool '%0' blocks %1 in '%2'; %3")
              << PoolName << What << displayName(Wait.Callee) << Fix;
        else
          diag(Path.front()->Loc, "task running on pool '%0' calls '%1', which blocks "
                                  "%2; %3")
              << PoolName << displayName(Path.front()->Callee) << What << Fix;
        diag(S.Site->getExprLoc(), "the task is submitted to '%0' here",
             DiagnosticIDs::Note)
            << PoolName;
        if (Path.size() > 2)
          notePath(Path.front()->Callee, llvm::ArrayRef(Path).slice(1, Path.size() - 2));
        if (Path.size() > 1)
          diag(Wait.Loc, "'%0' waits here", DiagnosticIDs::Note) << displayName(Wait.Callee);
        if (!WholePool)
          diag(Origin->getExprLoc(), "the awaited future comes from '%0' here",
               DiagnosticIDs::Note)
              << PoolName;
      }
    }
  }
}

} // namespace concur
