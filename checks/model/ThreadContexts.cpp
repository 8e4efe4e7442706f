#include "ThreadContexts.h"

#include "SharedAccesses.h"

#include "clang/AST/DeclCXX.h"

using namespace clang;

namespace concur {

ThreadContexts::ThreadContexts(ConcurrencyModel &Model)
    : Model(Model), Shared(Model.analysis<SharedAccesses>()) {
  for (const FunctionDecl *F : Model.index().functions())
    if (F->isMain())
      reach(F, MainThread);
  const std::vector<SpawnSite> &Spawns = Shared.spawns().all();
  for (unsigned I = 0; I < Spawns.size(); ++I)
    for (const FunctionDecl *Entry : Spawns[I].Entries)
      reach(Entry, static_cast<int>(I));
}

void ThreadContexts::reach(const FunctionDecl *Root, int Context) {
  llvm::SmallVector<const FunctionDecl *, 16> Work{Root};
  while (!Work.empty()) {
    const FunctionDecl *F = Work.pop_back_val();
    const FunctionDecl *Def = nullptr;
    if (!F->hasBody(Def))
      continue;
    auto &Set = Contexts[Def];
    if (llvm::is_contained(Set, Context))
      continue;
    Set.push_back(Context);
    for (const CallSite &Site : Model.callGraph().callsIn(Def))
      if (Site.Callee && Model.callGraph().isExplorable(Site.Callee))
        Work.push_back(Site.Callee);
  }
}

llvm::SmallVector<int, 2> ThreadContexts::of(const FunctionDecl *F) {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def))
    return {AnyThread};
  if (auto It = Contexts.find(Def); It != Contexts.end())
    return It->second;
  // A lambda nobody spawns runs where it is defined.
  if (const auto *M = dyn_cast<CXXMethodDecl>(Def); M && M->getParent()->isLambda())
    if (const auto *Outer = dyn_cast_or_null<FunctionDecl>(M->getParent()->getDeclContext()))
      return of(Outer);
  return {AnyThread};
}

bool ThreadContexts::mayRunConcurrently(const FunctionDecl *A, const FunctionDecl *B) {
  for (int CA : of(A))
    for (int CB : of(B)) {
      if (CA == AnyThread || CB == AnyThread)
        return true;
      if (CA == MainThread && CB == MainThread)
        continue;
      // The main thread runs alongside the threads it starts.
      if (CA == MainThread || CB == MainThread)
        return true;
      if (Shared.concurrent(static_cast<unsigned>(CA), static_cast<unsigned>(CB)))
        return true;
    }
  return false;
}

} // namespace concur
