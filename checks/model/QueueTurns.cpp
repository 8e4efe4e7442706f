#include "QueueTurns.h"

#include "Dataflow.h"
#include "ExprWrappers.h"
#include "FunctionFacts.h"
#include "QualifiedNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"

using namespace clang;

namespace concur {
namespace {

/// The queue \p E calls `method` on, if it is a field of `this` or a
/// global: `q`, `this->q`.
const ValueDecl *queueOf(const Expr *E, llvm::StringRef Method) {
  const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(ignoreValueWrappers(E));
  const CXXMethodDecl *M = MC ? MC->getMethodDecl() : nullptr;
  if (!M || !M->getIdentifier() || M->getName() != Method)
    return nullptr;
  return ownFieldOrGlobal(MC->getImplicitObjectArgument());
}

/// Whether \p E names a local of the function: `w`, `&w`.
bool namesLocal(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    E = U->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return V && V->hasLocalStorage() && !isa<ParmVarDecl>(V);
}

/// The queue of a test `own != q.front()` / `own == q.front()` (either
/// side), and whether the test is `==`.
std::pair<const ValueDecl *, bool> frontTest(const Expr *Tested) {
  const auto *BO = dyn_cast<BinaryOperator>(Tested->IgnoreParenImpCasts());
  if (!BO || (BO->getOpcode() != BO_NE && BO->getOpcode() != BO_EQ))
    return {nullptr, false};
  bool Equal = BO->getOpcode() == BO_EQ;
  for (auto [Front, Own] : {std::pair{BO->getLHS(), BO->getRHS()}, {BO->getRHS(), BO->getLHS()}})
    if (const ValueDecl *Q = queueOf(Front, "front"); Q && namesLocal(Own))
      return {Q, Equal};
  return {nullptr, false};
}

/// Whether \p Body waits on a condition variable (any wait the model
/// knows by name: `wait`, `Wait`, `pthread_cond_wait`, ...).
bool waitsIn(const Stmt *Body) {
  if (!Body)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(Body))
    if (const FunctionDecl *F = Call->getDirectCallee(); F && F->getIdentifier()) {
      llvm::StringRef N = F->getName();
      if (N.equals_insensitive("wait") || N.starts_with_insensitive("wait_") ||
          N == "pthread_cond_wait" || N == "pthread_cond_timedwait" || N == "cnd_wait" ||
          N == "cnd_timedwait")
        return true;
    }
  for (const Stmt *Child : Body->children())
    if (!isa_and_nonnull<LambdaExpr>(Child) && waitsIn(Child))
      return true;
  return false;
}

} // namespace

const ValueDecl *turnAlong(const CFGBlock &From, unsigned SuccIndex) {
  // The operands of a loop condition `a && b && own != q.front()` end
  // blocks of their own, each true edge leading to the next operand; the
  // last one's block ends with the loop. Find the front test from here on.
  const CFGBlock *Block = &From;
  const ValueDecl *Queue = nullptr;
  bool Equal = false, TestHere = false;
  for (unsigned Steps = 0; Block && Steps < 8; ++Steps) {
    std::optional<BranchTest> Test = branchTest(*Block);
    if (!Test)
      return nullptr;
    if (!Queue) {
      std::tie(Queue, Equal) = frontTest(Test->Tested);
      TestHere = Queue && Block == &From;
    }
    if (const Stmt *Body = loopBody(Block->getTerminatorStmt())) {
      if (!Queue || !waitsIn(Body))
        return nullptr;
      // The front test's own edge on which the entry is at the front.
      if (TestHere)
        return Test->truthyAlong(SuccIndex) == Equal ? Queue : nullptr;
      // An earlier operand's false edge leaves the loop too (another thread
      // finished the entry: that path returns at once, as a rule). The
      // turn is taken there as well, or the intersection at the loop's
      // exit would lose it; what that path does is taken as in the turn.
      const auto *And = dyn_cast_or_null<BinaryOperator>(From.getTerminatorStmt());
      return And && And->getOpcode() == BO_LAnd && SuccIndex == 1 ? Queue : nullptr;
    }
    const auto *And = dyn_cast_or_null<BinaryOperator>(Block->getTerminatorStmt());
    if (!And || And->getOpcode() != BO_LAnd)
      return nullptr;
    Block = Block->succ_begin()->getReachableBlock(); // true: the next operand
  }
  return nullptr;
}

const ValueDecl *turnReleased(const Stmt *S) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  if (!E)
    return nullptr;
  if (const ValueDecl *Q = queueOf(E, "pop_front"))
    return Q;
  return queueOf(E, "pop");
}

bool isQueueTurn(LockId Id) {
  if (!Id)
    return false;
  const CXXRecordDecl *RD = Id.Decl->getType().getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  // A queue: something with a front(), which no mutex has.
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getIdentifier() && M->getName() == "front")
      return true;
  return false;
}

} // namespace concur
