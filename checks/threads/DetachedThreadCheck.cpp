#include "DetachedThreadCheck.h"
#include "../model/ExprWrappers.h"

#include "../model/QualifiedNames.h"
#include "../model/ThreadLifetime.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

#include <deque>

using namespace clang;

namespace concur {

DetachedThreadCheck::DetachedThreadCheck(llvm::StringRef Name,
                                         clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context), MaxCallDepth(Options.get("MaxCallDepth", 8U)) {}

void DetachedThreadCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "MaxCallDepth", MaxCallDepth);
}

namespace {

/// Where the spawn hands `this` to the thread, or null.
const Expr *thisHandedOver(const SpawnSite &S) {
  if (S.Lambda)
    for (const LambdaCapture &C : S.Lambda->captures())
      if (C.capturesThis())
        return S.Lambda;
  for (const Expr *A : S.Args)
    if (isa<CXXThisExpr>(ignoreCopiesAndMoves(A)))
      return A;
  return nullptr;
}

struct StaticUse {
  StaticAccess Access;
  CallPath Chain; // from the entry to the function with the access
};

} // namespace

void DetachedThreadCheck::analyze(ConcurrencyModel &Model) {
  ThreadLifetime &Threads = Model.analysis<ThreadLifetime>();
  FunctionFacts &Facts = Model.analysis<FunctionFacts>();
  CallGraph &Calls = Model.callGraph();
  const SourceManager &SM = Model.astContext().getSourceManager();
  const auto &Functions = Model.index().functions();

  for (const DetachSite &D : Threads.detachSites()) {
    for (const SpawnSite *S : D.Spawns) {
      // 1. `this` of an automatic object.
      const auto *Method = dyn_cast<CXXMethodDecl>(S->Spawner);
      if (const Expr *This = thisHandedOver(*S); This && Method && !Method->isStatic()) {
        // Evidence that such an object lives on a stack: a local whose method
        // (or constructor) is the spawner.
        const VarDecl *Automatic = nullptr;
        const Expr *UseSite = nullptr;
        for (const FunctionDecl *G : Functions) {
          for (const CallSite &C : Calls.callsIn(G)) {
            if (C.Callee->getCanonicalDecl() != Method->getCanonicalDecl())
              continue;
            const VarDecl *V = nullptr;
            if (isa<CXXConstructExpr>(C.Call)) {
              auto It = Facts.of(G).StoredInto.find(C.Call);
              V = It == Facts.of(G).StoredInto.end() ? nullptr : It->second;
            } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C.Call)) {
              if (const auto *DRE = dyn_cast<DeclRefExpr>(
                      MC->getImplicitObjectArgument()->IgnoreParenImpCasts()))
                V = dyn_cast<VarDecl>(DRE->getDecl());
            }
            if (V && V->hasLocalStorage() && !V->getType()->isReferenceType() &&
                !V->getType()->isPointerType()) {
              Automatic = V;
              UseSite = C.Call;
              break;
            }
          }
          if (Automatic)
            break;
        }
        if (Automatic) {
          diag(D.Call->getExprLoc(),
               "detached thread uses 'this' of '%0', but '%1' is an automatic object: "
               "the thread keeps running after '%1' is destroyed; join the thread "
               "before the object dies (a std::jthread member does this), or give the "
               "thread shared ownership of what it uses")
              << Method->getParent()->getName() << Automatic->getName();
          diag(This->getBeginLoc(), "the thread gets 'this' here", DiagnosticIDs::Note);
          diag(UseSite->getExprLoc(), "'%0' lives on the stack of '%1'",
               DiagnosticIDs::Note)
              << Automatic->getName()
              << displayName(dyn_cast<FunctionDecl>(Automatic->getDeclContext()));
        }
      }

      // 2. Statics destroyed at exit, used by the entry or its callees.
      llvm::SmallVector<StaticUse, 4> Uses;
      llvm::DenseSet<const VarDecl *> SeenVars;
      llvm::DenseSet<const FunctionDecl *> Seen;
      std::deque<std::pair<const FunctionDecl *, CallPath>> Work;
      for (const FunctionDecl *E : S->Entries)
        if (Seen.insert(E->getCanonicalDecl()).second)
          Work.push_back({E, {}});
      while (!Work.empty()) {
        auto [Fn, Chain] = std::move(Work.front());
        Work.pop_front();
        for (const StaticAccess &A : Facts.of(Fn).Statics) {
          QualType T = A.Var->getType();
          if (T.isDestructedType() != QualType::DK_cxx_destructor ||
              SM.isInSystemHeader(A.Var->getLocation()) ||
              !SeenVars.insert(A.Var->getCanonicalDecl()).second)
            continue;
          Uses.push_back({A, Chain});
        }
        if (Chain.size() + 1 >= MaxCallDepth)
          continue;
        for (const CallSite &C : Calls.callsIn(Fn))
          if (Calls.isExplorable(C.Callee) && Seen.insert(C.Callee->getCanonicalDecl()).second) {
            CallPath Next = Chain;
            Next.push_back(&C);
            const FunctionDecl *Def = nullptr;
            C.Callee->hasBody(Def);
            Work.push_back({Def, std::move(Next)});
          }
      }
      if (Uses.empty())
        continue;
      const StaticUse &First = Uses.front();
      diag(D.Call->getExprLoc(),
           "detached thread uses '%0', which has static storage and a destructor that "
           "runs at exit while the thread may still be using it; stop and join the "
           "thread before main returns, or give it state that outlives it")
          << First.Access.Var->getName();
      for (const StaticUse &U : Uses) {
        for (const CallSite *Hop : U.Chain)
          diag(Hop->Loc, "the thread calls '%0' here", DiagnosticIDs::Note)
              << displayName(Hop->Callee);
        diag(U.Access.Ref->getLocation(), "'%0' is used here", DiagnosticIDs::Note)
            << U.Access.Var->getName();
        diag(U.Access.Var->getLocation(), "'%0' is destroyed at exit; declared here",
             DiagnosticIDs::Note)
            << U.Access.Var->getName();
      }
    }
  }
}

} // namespace concur
