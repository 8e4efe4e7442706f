#include "SerializedSubmitCheck.h"

#include "../model/QualifiedNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"

#include <deque>

using namespace clang;

namespace concur {

SerializedSubmitCheck::SerializedSubmitCheck(llvm::StringRef Name,
                                             clang::tidy::ClangTidyContext *Context)
    : PoolCheckBase(Name, Context) {}

void SerializedSubmitCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  PoolCheckBase::storeOptions(Opts);
}

namespace {

struct ElementPos {
  const CFGBlock *Block = nullptr;
  unsigned Index = 0;
};

ElementPos find(const CFG &G, const Stmt *S) {
  for (const CFGBlock *B : G) {
    unsigned I = 0;
    for (const CFGElement &E : *B) {
      if (auto CS = E.getAs<CFGStmt>(); CS && CS->getStmt() == S)
        return {B, I};
      ++I;
    }
  }
  return {};
}

/// Whether \p To runs after \p From in the same iteration of \p Loop: a CFG
/// path from one to the other that does not pass the loop's head.
bool sameIteration(const CFG &G, const Stmt *Loop, const Stmt *From, const Stmt *To) {
  ElementPos A = find(G, From), B = find(G, To);
  if (!A.Block || !B.Block)
    return false;
  if (A.Block == B.Block && A.Index < B.Index)
    return true;
  llvm::DenseSet<const CFGBlock *> Seen;
  std::deque<const CFGBlock *> Work;
  auto Push = [&](const CFGBlock *Blk) {
    for (const CFGBlock::AdjacentBlock &Succ : Blk->succs())
      if (const CFGBlock *N = Succ.getReachableBlock();
          N && N->getTerminatorStmt() != Loop && Seen.insert(N).second)
        Work.push_back(N);
  };
  Push(A.Block);
  while (!Work.empty()) {
    const CFGBlock *Cur = Work.front();
    Work.pop_front();
    if (Cur == B.Block)
      return true;
    Push(Cur);
  }
  return false;
}

} // namespace

void SerializedSubmitCheck::analyze(ConcurrencyModel &Model) {
  PoolModel &Pools = Model.analysis<PoolModel>();
  const SourceManager &SM = Model.astContext().getSourceManager();
  for (const FutureSource &Src : Pools.futureSources(Config)) {
    const BodyFacts &Facts = Pools.facts().of(Src.In);
    const Stmt *Loop = Facts.InnermostLoop.lookup(Src.Call);
    // A discarded std::async future is concur-discarded-future's finding.
    if (!Loop || Facts.Discarded.count(Src.Call))
      continue;
    const Stmt *Body = loopBody(Loop);
    const CFG *G = Model.cfg(Src.In);
    if (!Body || !G)
      continue;
    for (const CallSite &C : Model.callGraph().callsIn(Src.In)) {
      if (!Config.isFutureWait(C) ||
          !SM.isPointWithin(C.Loc, Body->getBeginLoc(), Body->getEndLoc()))
        continue;
      auto Origins = Pools.originsOf(PoolModel::objectOf(C), Src.In, Config);
      if (!llvm::is_contained(Origins, Src.Call) || !sameIteration(*G, Loop, Src.Call, C.Call))
        continue;
      std::string Api = Src.Spawn ? Src.Spawn->FunctionName : "get_future";
      diag(Src.Call->getExprLoc(),
           "the future from '%0' is waited on in the same loop iteration, so the loop "
           "runs one task at a time; submit every task first and collect the futures "
           "after the loop (or hand the pool the whole range in one call)")
          << Api;
      diag(C.Loc, "waited on here, before the next task is submitted", DiagnosticIDs::Note);
      break;
    }
  }
}

} // namespace concur
