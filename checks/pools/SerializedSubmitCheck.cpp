#include "SerializedSubmitCheck.h"

#include "../model/Dataflow.h"
#include "../model/QualifiedNames.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"

#include <optional>

using namespace clang;

namespace concur {

SerializedSubmitCheck::SerializedSubmitCheck(llvm::StringRef Name,
                                             clang::tidy::ClangTidyContext *Context)
    : PoolCheckBase(Name, Context) {}

void SerializedSubmitCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  PoolCheckBase::storeOptions(Opts);
}

namespace {

/// Where \p From has run in the current iteration of \p Loop: the state
/// along each path is whether From ran since the path last passed the
/// loop's head.
class SameIteration {
public:
  SameIteration(const CFG &G, const Stmt *Loop, const Stmt *From) : From(From) {
    auto Transfer = [&](bool &Ran, const CFGElement &E) { Ran |= isFrom(E); };
    auto Edge = [&](bool &Ran, const CFGBlock &Block, unsigned SuccIndex) {
      const CFGBlock *Succ = (Block.succ_begin() + SuccIndex)->getReachableBlock();
      if (Succ && Succ->getTerminatorStmt() == Loop)
        Ran = false; // the next iteration starts
    };
    auto Unite = [](bool &Into, bool Other) { Into |= Other; };
    In = solveForward(G, false, Transfer, Edge, Unite);
    for (const CFGBlock *B : G)
      for (const CFGElement &E : *B)
        if (auto CS = E.getAs<CFGStmt>())
          BlockOf.try_emplace(CS->getStmt(), B);
  }

  /// Whether \p To runs after From in the same iteration of the loop.
  bool after(const Stmt *To) const {
    const CFGBlock *B = BlockOf.lookup(To);
    if (!B || !In[B->getBlockID()])
      return false;
    bool Ran = *In[B->getBlockID()];
    for (const CFGElement &E : *B) {
      if (auto CS = E.getAs<CFGStmt>(); CS && CS->getStmt() == To)
        return Ran;
      Ran |= isFrom(E);
    }
    return false;
  }

private:
  bool isFrom(const CFGElement &E) const {
    auto CS = E.getAs<CFGStmt>();
    return CS && CS->getStmt() == From;
  }

  const Stmt *From;
  std::vector<std::optional<bool>> In;
  llvm::DenseMap<const Stmt *, const CFGBlock *> BlockOf;
};

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
    SameIteration AfterSubmit(*G, Loop, Src.Call);
    for (const CallSite &C : Model.callGraph().callsIn(Src.In)) {
      if (!Config.isFutureWait(C) ||
          !SM.isPointWithin(C.Loc, Body->getBeginLoc(), Body->getEndLoc()))
        continue;
      auto Origins = Pools.originsOf(PoolModel::objectOf(C), Src.In, Config);
      if (!llvm::is_contained(Origins, Src.Call) || !AfterSubmit.after(C.Call))
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
