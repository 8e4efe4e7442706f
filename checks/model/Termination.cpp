#include "Termination.h"

#include "CallGraph.h"
#include "ExprWrappers.h"
#include "FunctionFacts.h"

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

namespace {

/// Whether \p Call ends the process because something failed: abort, a
/// failed assertion, a trap, `__builtin_unreachable()` (the code says the
/// call before it does not come back), std::terminate, or exit and its
/// kin with a constant non-zero status. `exit(0)` at the end of main is
/// the program finishing, not failing: what leads to it is its real work.
bool libraryFailure(const CallExpr *Call, const FunctionDecl *F) {
  auto FailingStatus = [&] {
    std::optional<llvm::APSInt> Status =
        constantOf(Call->getNumArgs() ? Call->getArg(0) : nullptr, F->getASTContext());
    return Status && !Status->isZero();
  };
  if (unsigned ID = F->getBuiltinID()) {
    if (ID == Builtin::BI__builtin_trap || ID == Builtin::BI__builtin_unreachable ||
        ID == Builtin::BIabort)
      return true;
    return (ID == Builtin::BIexit || ID == Builtin::BI_Exit || ID == Builtin::BI_exit) &&
           FailingStatus();
  }
  if (!F->getDeclName().isIdentifier())
    return false;
  llvm::StringRef N = F->getName();
  bool Library = F->isInStdNamespace() || F->getDeclContext()->isTranslationUnit() ||
                 F->getDeclContext()->isExternCContext();
  if (!Library)
    return false;
  if (N == "abort" || N == "terminate" || N == "__assert_fail" || N == "__assert_rtn" ||
      N == "__assert_perror_fail")
    return true;
  return (N == "exit" || N == "_exit" || N == "_Exit" || N == "quick_exit") && FailingStatus();
}

} // namespace

int Termination::endAt(const CFGBlock &B) {
  int Index = 0;
  for (const CFGElement &E : B) {
    if (auto CS = E.getAs<CFGStmt>())
      if (const auto *Call = dyn_cast<CallExpr>(CS->getStmt()))
        if (const FunctionDecl *Callee = Call->getDirectCallee();
            Callee && (libraryFailure(Call, Callee) || endsProcess(Callee)))
          return Index;
    ++Index;
  }
  return -1;
}

bool Termination::endsProcess(const FunctionDecl *F) {
  if (!F)
    return false;
  const FunctionDecl *Def = nullptr;
  if (!F->hasBody(Def) || Def->isDependentContext() || !Model.callGraph().isExplorable(Def) ||
      !neverReturns(Def))
    return false;
  auto [It, Fresh] = EndsMemo.try_emplace(Def, State::InProgress);
  if (!Fresh)
    return It->second == State::NeverReturns;
  // Every block where a path stops must stop at a call that ends the
  // process (not at pthread_exit, a longjmp); and no loop may keep it
  // from getting there (a server's `for (;;)` never returns either).
  bool Ends = false;
  if (const CFG *G = Model.cfg(Def); G && !Model.analysis<FunctionFacts>().of(Def).Loops) {
    Ends = true;
    for (const CFGBlock *B : *G)
      if (B && B != &G->getExit() && !leaves(*B) && endAt(*B) < 0) {
        Ends = false;
        break;
      }
  }
  EndsMemo[Def] = Ends ? State::NeverReturns : State::Returns;
  return Ends;
}

bool Termination::onWayOut(const FunctionDecl *Def, const Stmt *S) {
  auto [It, Fresh] = WayOut.try_emplace(Def);
  llvm::DenseSet<const Stmt *> &Out = It->second;
  if (Fresh) {
    if (const CFG *G = Model.cfg(Def))
      for (const CFGBlock *B : *G) {
        int End = B ? endAt(*B) : -1;
        for (int I = 0; I <= End; ++I)
          if (auto CS = (*B)[I].getAs<CFGStmt>()) {
            llvm::SmallVector<const Stmt *, 8> Work{CS->getStmt()};
            while (!Work.empty()) {
              const Stmt *Sub = Work.pop_back_val();
              if (Sub && !isa<LambdaExpr>(Sub) && Out.insert(Sub).second)
                Work.append(Sub->child_begin(), Sub->child_end());
            }
          }
      }
  }
  return Out.contains(S);
}

} // namespace concur
