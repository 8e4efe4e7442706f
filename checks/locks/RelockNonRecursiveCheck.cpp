#include "RelockNonRecursiveCheck.h"

#include "../model/QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace concur {
namespace {

// pthread mutexes are recursive when initialised so: the static
// initialiser says it in its name.
bool initialisedRecursive(const ValueDecl *D, const ASTContext &Ctx) {
  const auto *V = dyn_cast<VarDecl>(D);
  if (!V || !V->getInit())
    return false;
  llvm::StringRef Text =
      Lexer::getSourceText(CharSourceRange::getTokenRange(V->getInit()->getSourceRange()),
                           Ctx.getSourceManager(), Ctx.getLangOpts());
  return Text.contains("RECURSIVE");
}

const ValueDecl *addressedVar(const Expr *E) {
  if (const auto *U = dyn_cast<UnaryOperator>(E->IgnoreParenImpCasts());
      U && U->getOpcode() == UO_AddrOf)
    if (const auto *DRE = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
      return DRE->getDecl();
  return nullptr;
}

/// The pthread mutexes made recursive at run time: `pthread_mutex_init(&m,
/// &a)` in a function that calls `pthread_mutexattr_settype(&a,
/// PTHREAD_MUTEX_RECURSIVE)`. Each is its own fact; other mutexes of the TU
/// stay non-recursive.
llvm::DenseSet<const ValueDecl *> recursiveByAttribute(ConcurrencyModel &Model) {
  llvm::DenseSet<const ValueDecl *> Out;
  for (const FunctionDecl *F : Model.index().functions()) {
    llvm::DenseSet<const ValueDecl *> RecursiveAttrs;
    llvm::SmallVector<const CallExpr *, 2> Inits;
    for (const CallSite &Site : Model.callGraph().callsIn(F)) {
      const auto *Call = dyn_cast<CallExpr>(Site.Call);
      if (!Site.Callee || !Call || Call->getNumArgs() != 2)
        continue;
      llvm::StringRef Name = Site.Callee->getName();
      if (Name == "pthread_mutexattr_settype") {
        const auto *K = dyn_cast<DeclRefExpr>(Call->getArg(1)->IgnoreParenImpCasts());
        if (K && K->getDecl()->getName().contains("RECURSIVE"))
          if (const ValueDecl *Attr = addressedVar(Call->getArg(0)))
            RecursiveAttrs.insert(Attr);
      } else if (Name == "pthread_mutex_init") {
        Inits.push_back(Call);
      }
    }
    for (const CallExpr *Init : Inits)
      if (const ValueDecl *Attr = addressedVar(Init->getArg(1)); Attr && RecursiveAttrs.count(Attr))
        if (LockId Id = Model.analysis<Locksets>().catalog().lockIdOf(Init->getArg(0)))
          Out.insert(Id.Decl);
  }
  return Out;
}

} // namespace

void RelockNonRecursiveCheck::analyze(ConcurrencyModel &Model) {
  auto &Acquisitions = Model.analysis<LockAcquisitions>();
  const LockCatalog &Catalog = Acquisitions.locksets().catalog();
  const ASTContext &Ctx = Model.astContext();

  llvm::DenseSet<const ValueDecl *> RecursiveAtRunTime = recursiveByAttribute(Model);
  auto NonRecursive = [&](LockId Id) {
    std::optional<MutexTypeInfo> Info = Catalog.mutexType(Id.Decl->getType());
    return Info && !nobodyWaitsFor(Id) && !Info->Recursive &&
           !initialisedRecursive(Id.Decl, Ctx) && !RecursiveAtRunTime.count(Id.Decl);
  };
  // Two readers of a shared mutex do not exclude each other.
  auto Excludes = [](LockMode Held, LockMode Again) {
    return Held == LockMode::Exclusive || Again == LockMode::Exclusive;
  };

  auto Report = [&](const FunctionDecl *F, const HeldLock &Held, const LockAcquisition &Again) {
    std::optional<LockAcquisition> First = Acquisitions.originOf(F, Held);
    // A field lock is one identity for all objects: only the same object
    // relocks (`from.mu_` then `to.mu_` is two mutexes).
    if (isa<FieldDecl>(Held.Id.Decl) &&
        !(First && sameMutexObject(Catalog, First->MutexExpr, First->Chain, Again.MutexExpr, Again.Chain)))
      return;
    std::string Name = lockName(Held.Id);
    if (Again.Chain.empty()) {
      diag(Again.Site->getBeginLoc(),
           "'%0' is locked again while this path already holds it; a non-recursive "
           "mutex deadlocks (undefined behaviour for std::mutex): release it first, "
           "or use a recursive mutex if re-entry is intended")
          << Name;
    } else {
      diag(Again.Chain.front()->Loc,
           "'%0' locks '%1', which this path already holds; a non-recursive mutex "
           "deadlocks (undefined behaviour for std::mutex): call a variant that expects "
           "the lock held, or use a recursive mutex if re-entry is intended")
          << displayName(Again.Chain.front()->Callee) << Name;
      noteHops(Again.Chain);
      diag(Again.Site->getBeginLoc(), "'%0' is locked again here", DiagnosticIDs::Note) << Name;
    }
    if (First)
      noteAcquisition(F, *First, "'" + Name + "' is first acquired");
  };

  for (const FunctionDecl *F : Model.index().functions()) {
    if (!isUserCode(Model, F))
      continue;
    const FunctionAcquisitions &Facts = Acquisitions.of(F);
    for (const DirectAcquisition &D : Facts.Direct)
      if (const HeldLock *Held = findLock(D.HeldBefore, D.What.Id))
        // `lk.lock()` on the guard that holds the lock already does not
        // wait on the mutex: std::unique_lock throws, others check a flag.
        if (NonRecursive(D.What.Id) && Excludes(Held->Mode, D.What.Mode) &&
            !(D.What.ViaGuard && Held->Guard == D.What.ViaGuard))
          Report(F, *Held, D.What);

    Acquisitions.forEachCalleeAcquisition(
        F, [&](const Lockset &HeldAtCall, LockAcquisition &&Again) {
          const HeldLock *Held = findLock(HeldAtCall, Again.Id);
          if (Held && Again.Chain.size() <= MaxCallDepth && NonRecursive(Again.Id) &&
              Excludes(Held->Mode, Again.Mode))
            Report(F, *Held, Again);
        });
  }
}

} // namespace concur
