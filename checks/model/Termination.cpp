#include "Termination.h"

#include "CallGraph.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"

using namespace clang;

namespace concur {

int Termination::cutAt(const CFGBlock &B) {
  int Index = 0;
  for (const CFGElement &E : B) {
    if (auto CS = E.getAs<CFGStmt>())
      if (const auto *Call = dyn_cast<CallExpr>(CS->getStmt()))
        if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && neverReturns(Callee))
          return Index;
    ++Index;
  }
  return -1;
}

bool Termination::leaves(const CFGBlock &B) { return !B.hasNoReturnElement() && cutAt(B) < 0; }

bool Termination::neverReturns(const FunctionDecl *F) {
  if (!F)
    return false;
  // `analyzer_noreturn` is how a project tells analyses that an abort
  // helper defined elsewhere (`zmq_abort`, assertion handlers) ends the
  // path even though its declaration cannot say noreturn.
  if (F->isNoReturn() || F->hasAttr<AnalyzerNoReturnAttr>())
    return true;
  // Bodies are read for the code the model explores, not for library
  // internals, whose noreturn functions say so.
  const FunctionDecl *Def = nullptr;
  if (!F->hasBody(Def) || Def->isDependentContext() || !Model.callGraph().isExplorable(Def))
    return false;
  auto [It, Fresh] = Memo.try_emplace(Def, State::InProgress);
  if (!Fresh) // recursion: assume it returns
    return It->second == State::NeverReturns;
  const CFG *G = Model.cfg(Def);
  bool Never = false;
  if (G) {
    // Is the exit reachable along edges that can be taken?
    llvm::BitVector Seen(G->getNumBlockIDs());
    llvm::SmallVector<const CFGBlock *, 16> Work{&G->getEntry()};
    Seen.set(G->getEntry().getBlockID());
    while (!Work.empty()) {
      const CFGBlock *B = Work.pop_back_val();
      if (B == &G->getExit() || !leaves(*B))
        continue;
      for (const CFGBlock::AdjacentBlock &Succ : B->succs())
        if (const CFGBlock *S = Succ.getReachableBlock(); S && !Seen.test(S->getBlockID())) {
          Seen.set(S->getBlockID());
          Work.push_back(S);
        }
    }
    Never = !Seen.test(G->getExit().getBlockID());
  }
  Memo[Def] = Never ? State::NeverReturns : State::Returns;
  return Never;
}

} // namespace concur
