#include "ShutdownPhases.h"

#include "CallGraph.h"
#include "Dataflow.h"
#include "QualifiedNames.h"
#include "SpawnSites.h"
#include "ThreadTypes.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace concur {

struct ShutdownPhases::Phase {
  /// CFG elements (and what they contain) every path reaches after the join.
  llvm::DenseSet<const Stmt *> After;
};

namespace {

/// The class of what \p T holds or points to: `T`, `T *`, `T &`,
/// `std::unique_ptr<T>`, `std::shared_ptr<T>`.
const CXXRecordDecl *heldClass(QualType T) {
  const CXXRecordDecl *RD = classOfType(T);
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(RD);
  if (Spec && Spec->getTemplateArgs().size() >= 1 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type) {
    std::string N = genericName(Spec);
    if (N == "std::unique_ptr" || N == "std::shared_ptr")
      return Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  }
  return RD;
}

/// `t`, `t_`, `*p`, `p->`: the object expression without the smart
/// pointer's or the pointer's dereference.
const Expr *objectOf(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
        Op->getNumArgs() >= 1) {
      E = Op->getArg(0);
      continue;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref) {
      E = U->getSubExpr();
      continue;
    }
    return E;
  }
}

/// The member of `this` that \p E names, if it holds a joinable thread.
const FieldDecl *ownThread(const Expr *E) {
  const auto *ME = dyn_cast<MemberExpr>(objectOf(E));
  const auto *F = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!F || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return isJoinableThread(heldClass(F->getType())) ? F : nullptr;
}

/// `for (auto &t : workers_) t.join();`: a loop over a member container
/// of threads that joins each element.
bool joinsEveryElement(const CXXForRangeStmt &Loop) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(Loop.getRangeInit()->IgnoreParenImpCasts());
  if (!ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return false;
  const VarDecl *Element = Loop.getLoopVariable();
  if (!Element || !isJoinableThread(heldClass(Element->getType())))
    return false;
  llvm::SmallVector<const Stmt *, 16> Work{Loop.getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const Expr *Obj = joinedThread(S))
      if (const auto *Ref = dyn_cast<DeclRefExpr>(objectOf(Obj)); Ref && Ref->getDecl() == Element)
        return true;
    Work.append(S->child_begin(), S->child_end());
  }
  return false;
}

} // namespace

ShutdownPhases::ShutdownPhases(ConcurrencyModel &Model) : Model(Model) {}
ShutdownPhases::~ShutdownPhases() = default;

bool ShutdownPhases::startsThreads(const Stmt *S) {
  const auto *E = dyn_cast<Expr>(S);
  SpawnSites &Spawns = Model.analysis<SpawnSites>();
  if (!E || Spawns.at(E))
    return E != nullptr;
  // A call that starts threads in its body or in a function it calls.
  const FunctionDecl *Callee = CallGraph::calleeOf(S);
  if (!Callee || !Model.callGraph().isExplorable(Callee))
    return false;
  auto Spawning = [&](const FunctionDecl *F) {
    const FunctionDecl *Def = nullptr;
    return F && F->hasBody(Def) && !Spawns.in(Def).empty();
  };
  return Spawning(Callee) || llvm::any_of(Model.callGraph().callsIn(Callee), [&](const CallSite &C) {
           return Spawning(C.Callee);
         });
}

bool ShutdownPhases::afterOwnThreadsJoined(const FunctionDecl *Def, const Stmt *S) {
  return Def && S && of(Def).After.contains(S);
}

ShutdownPhases::Phase &ShutdownPhases::of(const FunctionDecl *Def) {
  auto [It, Fresh] = Functions.try_emplace(Def);
  if (!Fresh)
    return *It->second;
  It->second = std::make_unique<Phase>();
  Phase &Out = *It->second;
  const CFG *G = isa<CXXMethodDecl>(Def) ? Model.cfg(Def) : nullptr;
  if (!G)
    return Out;
  // The member threads the method joins; nothing to do if none.
  llvm::SmallPtrSet<const FieldDecl *, 2> Joins;
  bool JoiningLoop = false;
  for (const CFGBlock *B : *G) {
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>())
        if (const Expr *Obj = joinedThread(CS->getStmt()))
          if (const FieldDecl *F = ownThread(Obj))
            Joins.insert(F);
    if (const auto *Loop = dyn_cast_or_null<CXXForRangeStmt>(B->getTerminatorStmt()))
      JoiningLoop = JoiningLoop || joinsEveryElement(*Loop);
  }
  if (Joins.empty() && !JoiningLoop)
    return Out;
  // `if (thread_)`, `if (t_.joinable())`: where a thread the method joins
  // is absent there is nothing to wait for.
  auto Absent = [&](const Expr *Tested) {
    const Expr *Thread = Tested;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Tested->IgnoreParenImpCasts())) {
      const CXXMethodDecl *M = MC->getMethodDecl();
      if (!M || !M->getDeclName().isIdentifier() || M->getName() != "joinable")
        return false;
      Thread = MC->getImplicitObjectArgument();
    } else if (!Tested->getType()->isPointerType()) {
      return false;
    }
    const FieldDecl *F = Thread ? ownThread(Thread) : nullptr;
    return F && Joins.contains(F);
  };
  // A must-analysis: joined on every path, and no thread started since.
  auto Transfer = [&](bool &Joined, const CFGElement &E) {
    auto CS = E.getAs<CFGStmt>();
    if (!CS)
      return;
    if (const Expr *Obj = joinedThread(CS->getStmt()); Obj && ownThread(Obj))
      Joined = true;
    else if (Joined && startsThreads(CS->getStmt()))
      Joined = false; // a restart: the new threads run beside what follows
  };
  auto Edge = [&](bool &Joined, const CFGBlock &From, unsigned SuccIndex) {
    // Leaving a loop that joined every element (the exit edge is the
    // second successor).
    if (const auto *Loop = dyn_cast_or_null<CXXForRangeStmt>(From.getTerminatorStmt());
        Loop && SuccIndex == 1 && joinsEveryElement(*Loop))
      Joined = true;
    if (std::optional<BranchTest> Test = branchTest(From);
        Test && !Test->truthyAlong(SuccIndex) && Absent(Test->Tested))
      Joined = true;
  };
  auto Meet = [](bool &Into, const bool &From) { Into = Into && From; };
  auto In = solveForward<bool>(*G, false, Transfer, Edge, Meet);
  for (const CFGBlock *B : *G) {
    if (!In[B->getBlockID()])
      continue;
    bool Joined = *In[B->getBlockID()];
    for (const CFGElement &E : *B) {
      if (auto CS = E.getAs<CFGStmt>(); CS && Joined) {
        // The element and what it contains (not a lambda's body).
        llvm::SmallVector<const Stmt *, 8> Work{CS->getStmt()};
        while (!Work.empty()) {
          const Stmt *Sub = Work.pop_back_val();
          if (!Sub || isa<LambdaExpr>(Sub) || !Out.After.insert(Sub).second)
            continue;
          Work.append(Sub->child_begin(), Sub->child_end());
        }
      }
      Transfer(Joined, E);
    }
  }
  return Out;
}

} // namespace concur
