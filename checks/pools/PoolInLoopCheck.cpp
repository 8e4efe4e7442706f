#include "PoolInLoopCheck.h"

#include "../model/QualifiedNames.h"

#include "clang/AST/ExprCXX.h"

#include <deque>
#include <optional>

using namespace clang;

namespace concur {

PoolInLoopCheck::PoolInLoopCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
    : PoolCheckBase(Name, Context), MaxCallDepth(Options.get("MaxCallDepth", 4U)) {}

void PoolInLoopCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  PoolCheckBase::storeOptions(Opts);
  Options.store(Opts, "MaxCallDepth", MaxCallDepth);
}

void PoolInLoopCheck::analyze(ConcurrencyModel &Model) {
  PoolModel &Pools = Model.analysis<PoolModel>();
  const auto &Functions = Model.index().functions();
  // Callers with the function each call site is in; built only if a pool is
  // constructed outside any loop.
  using Caller = std::pair<const CallSite *, const FunctionDecl *>;
  std::optional<llvm::DenseMap<const FunctionDecl *, std::vector<Caller>>> Callers;
  auto CallersOf = [&](const FunctionDecl *F) -> const std::vector<Caller> & {
    if (!Callers) {
      Callers.emplace();
      for (const FunctionDecl *G : Functions)
        for (const CallSite &C : Model.callGraph().callsIn(G))
          (*Callers)[C.Callee->getCanonicalDecl()].push_back({&C, G});
    }
    return (*Callers)[F->getCanonicalDecl()];
  };

  for (const FunctionDecl *F : Functions) {
    for (const CallSite &C : Model.callGraph().callsIn(F)) {
      const auto *CE = dyn_cast<CXXConstructExpr>(C.Call);
      if (!CE || CE->getConstructor()->isCopyOrMoveConstructor() ||
          !Config.isPoolType(C.ObjectClass))
        continue;
      const BodyFacts &Facts = Pools.facts().of(F);
      if (auto Var = Facts.StoredInto.find(CE);
          Var != Facts.StoredInto.end() && Var->second->isStaticLocal())
        continue; // built once
      std::string Type = genericName(C.ObjectClass);
      if (Facts.InnermostLoop.count(CE)) {
        diag(C.Loc, "thread pool '%0' is constructed inside a loop: every iteration "
                    "starts and joins its worker threads; create the pool once before "
                    "the loop and reuse it")
            << Type;
        continue;
      }
      // Called from a loop, possibly through other functions.
      struct Item {
        const FunctionDecl *Fn;
        CallPath Chain; // call sites from the caller in the loop down to F
      };
      std::deque<Item> Work{{F, {}}};
      llvm::DenseSet<const FunctionDecl *> Seen{F->getCanonicalDecl()};
      bool Reported = false;
      while (!Work.empty() && !Reported) {
        Item Cur = std::move(Work.front());
        Work.pop_front();
        if (Cur.Chain.size() >= MaxCallDepth)
          continue;
        for (const auto &[Site, CallerFn] : CallersOf(Cur.Fn)) {
          CallPath Chain;
          Chain.push_back(Site);
          Chain.append(Cur.Chain.begin(), Cur.Chain.end());
          if (Pools.facts().of(CallerFn).InnermostLoop.count(Site->Call)) {
            diag(C.Loc, "thread pool '%0' is constructed on every call of '%1', which "
                        "is called from a loop: every iteration starts and joins its "
                        "worker threads; create the pool once and pass it in")
                << Type << displayName(F);
            diag(Site->Loc, "'%0' is called in a loop here", DiagnosticIDs::Note)
                << displayName(Site->Callee);
            if (Chain.size() > 1)
              notePath(Chain.front()->Callee, llvm::ArrayRef(Chain).drop_front());
            Reported = true;
            break;
          }
          if (Seen.insert(CallerFn->getCanonicalDecl()).second)
            Work.push_back({CallerFn, std::move(Chain)});
        }
      }
    }
  }
}

} // namespace concur
