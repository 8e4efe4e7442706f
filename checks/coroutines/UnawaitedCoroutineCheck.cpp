#include "UnawaitedCoroutineCheck.h"

#include "../model/Awaitables.h"
#include "../model/ExprWrappers.h"
#include "../model/QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"

using namespace clang;

namespace concur {

UnawaitedCoroutineCheck::UnawaitedCoroutineCheck(llvm::StringRef Name,
                                                 clang::tidy::ClangTidyContext *Context)
    : ConcurCheck(Name, Context),
      AwaitableTypes(Options.getLocalOrGlobal("AwaitableTypes", "")),
      ReportAwaiters(Options.get("ReportAwaiters", true)) {
  llvm::SmallVector<llvm::StringRef, 4> Names;
  llvm::StringRef(AwaitableTypes).split(Names, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef N : Names)
    if (!N.trim().empty())
      ConfiguredTypes.insert(N.trim().ltrim(':'));
}

void UnawaitedCoroutineCheck::storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  ConcurCheck::storeOptions(Opts);
  Options.store(Opts, "AwaitableTypes", AwaitableTypes);
  Options.store(Opts, "ReportAwaiters", ReportAwaiters);
}

namespace {

const Expr *stripToValue(const Expr *E) {
  while (E) {
    E = ignoreValueWrappers(E);
    const auto *CE = dyn_cast_or_null<CXXConstructExpr>(E);
    if (!CE || CE->getNumArgs() != 1 || !CE->getConstructor()->isCopyOrMoveConstructor())
      break;
    E = CE->getArg(0); // a copy or move of the call's result
  }
  return E;
}

/// A call whose value is dropped, seen through `(void)` casts.
const CallExpr *discardedCall(const Stmt *S, bool &ExplicitVoid) {
  const auto *E = dyn_cast_or_null<Expr>(S);
  ExplicitVoid = false;
  while (E) {
    E = stripToValue(E);
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
        Cast && Cast->getType()->isVoidType()) {
      ExplicitVoid = true;
      E = Cast->getSubExpr();
      continue;
    }
    break;
  }
  return dyn_cast_or_null<CallExpr>(E);
}

/// One function's body: discarded task calls, and task locals with their
/// uses. Lambda bodies are visited only for uses of the enclosing
/// function's locals; their own discards belong to their call operator,
/// which the index lists as a function of its own.
class TaskUseCollector : public ConstDynamicRecursiveASTVisitor {
public:
  struct Local {
    const CallExpr *Init;
    bool Used = false;
  };

  explicit TaskUseCollector(std::function<bool(const CallExpr *)> CreatesTask)
      : CreatesTask(std::move(CreatesTask)) {
    ShouldVisitLambdaBody = true;
    ShouldVisitTemplateInstantiations = false;
  }

  std::vector<std::pair<const CallExpr *, bool>> Discarded; // call, via (void)
  llvm::MapVector<const VarDecl *, Local> Locals;

  bool TraverseLambdaExpr(const LambdaExpr *LE) override {
    ++LambdaDepth;
    bool Result = ConstDynamicRecursiveASTVisitor::TraverseLambdaExpr(LE);
    --LambdaDepth;
    return Result;
  }
  bool TraverseCXXRecordDecl(const CXXRecordDecl *) override { return true; }

  bool VisitCompoundStmt(const CompoundStmt *CS) override {
    for (const Stmt *S : CS->body())
      statementValue(S);
    return true;
  }
  bool VisitIfStmt(const IfStmt *S) override {
    statementValue(S->getThen());
    statementValue(S->getElse());
    return true;
  }
  bool VisitForStmt(const ForStmt *S) override {
    statementValue(S->getInit());
    statementValue(S->getInc());
    statementValue(S->getBody());
    return true;
  }
  bool VisitWhileStmt(const WhileStmt *S) override {
    statementValue(S->getBody());
    return true;
  }
  bool VisitDoStmt(const DoStmt *S) override {
    statementValue(S->getBody());
    return true;
  }
  bool VisitCXXForRangeStmt(const CXXForRangeStmt *S) override {
    statementValue(S->getBody());
    return true;
  }
  bool VisitSwitchCase(const SwitchCase *S) override {
    statementValue(S->getSubStmt());
    return true;
  }
  bool VisitLabelStmt(const LabelStmt *S) override {
    statementValue(S->getSubStmt());
    return true;
  }

  bool VisitVarDecl(const VarDecl *VD) override {
    // A reference (a range-for over a container of tasks) names a task
    // someone else owns and awaits; only a local that holds the task does.
    if (LambdaDepth || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) || !VD->hasInit() ||
        VD->isCXXForRangeDecl() || VD->getType()->isReferenceType())
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(stripToValue(VD->getInit())))
      if (CreatesTask(Call))
        Locals.insert({VD, Local{Call}});
    return true;
  }

  // Asking a task whether it is done or valid does not run it.
  bool VisitCXXMemberCallExpr(const CXXMemberCallExpr *MC) override {
    if (const CXXMethodDecl *M = MC->getMethodDecl(); M && M->isConst())
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(MC->getImplicitObjectArgument()->IgnoreParenImpCasts()))
        Observers.insert(DRE);
    return true;
  }

  // Any other mention hands the task on: co_await, return, an argument
  // (gather, create_task, push_back), a capture, a non-const member call
  // (start, resume), taking its address.
  bool VisitDeclRefExpr(const DeclRefExpr *DRE) override {
    if (Observers.contains(DRE))
      return true;
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (auto It = Locals.find(VD); It != Locals.end())
        It->second.Used = true;
    return true;
  }

private:
  void statementValue(const Stmt *S) {
    if (LambdaDepth || !S)
      return;
    bool ExplicitVoid = false;
    if (const CallExpr *Call = discardedCall(S, ExplicitVoid))
      if (CreatesTask(Call))
        Discarded.push_back({Call, ExplicitVoid});
  }

  std::function<bool(const CallExpr *)> CreatesTask;
  llvm::DenseSet<const DeclRefExpr *> Observers;
  unsigned LambdaDepth = 0;
};

} // namespace

void UnawaitedCoroutineCheck::analyze(ConcurrencyModel &Model) {
  const TranslationUnitIndex &Index = Model.index();
  const SourceManager &SM = Model.astContext().getSourceManager();
  Awaitables &Types = Model.analysis<Awaitables>();

  auto KindOf = [&](QualType T) {
    const CXXRecordDecl *RD = T.isNull() ? nullptr : classOfType(T);
    if (RD && ConfiguredTypes.contains(genericName(RD)))
      return AwaitableKind::LazyTask;
    // Pointers to tasks are not tasks.
    if (!T.isNull() && T->isPointerType())
      return AwaitableKind::None;
    return Types.kindOf(T);
  };
  auto Reportable = [&](AwaitableKind K) {
    return K == AwaitableKind::LazyTask || (ReportAwaiters && K == AwaitableKind::Awaiter);
  };
  // Whether a call makes a new task or awaiter rather than handing back one
  // it was given: create_task(t), std::move(t), wait_for(t, ...) return
  // tasks that are already owned or started elsewhere.
  auto CreatesTask = [&](const CallExpr *Call) {
    if (!Reportable(KindOf(Call->getCallReturnType(Model.astContext()))))
      return false;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || isCoroutineDefinition(Callee))
      return true;
    for (const ParmVarDecl *P : Callee->parameters())
      if (KindOf(P->getType()) != AwaitableKind::None)
        return false;
    if (const auto *M = dyn_cast<CXXMethodDecl>(Callee))
      if (!M->isStatic() && (ConfiguredTypes.contains(genericName(M->getParent())) ||
                             Types.kindOf(M->getParent()) != AwaitableKind::None))
        return false;
    return true;
  };

  auto CalleeName = [](const CallExpr *Call) {
    const FunctionDecl *F = Call->getDirectCallee();
    return F ? displayName(F) : std::string("<indirect call>");
  };
  auto NoteStartsSuspended = [&](const CallExpr *Call) {
    QualType T = Call->getCallReturnType(Model.astContext());
    const CXXRecordDecl *RD = classOfType(T);
    if (!RD || KindOf(T) != AwaitableKind::LazyTask)
      return;
    if (const CXXMethodDecl *Initial = Awaitables::initialSuspend(RD))
      diag(Initial->getLocation(),
           "'%0' starts suspended: its promise's initial_suspend() suspends, so the "
           "body runs only when the task is awaited or started",
           DiagnosticIDs::Note)
          << genericName(RD);
  };

  llvm::DenseSet<SourceLocation> Reported; // template instantiations repeat
  for (const FunctionDecl *F : Index.functions()) {
    if (SM.isInSystemHeader(F->getLocation()))
      continue;
    const Stmt *Body = F->getBody();
    if (const auto *Coro = dyn_cast_or_null<CoroutineBodyStmt>(Body))
      Body = Coro->getBody(); // the user's statements, not the frame's plumbing
    if (!Body)
      continue;
    TaskUseCollector Collector(CreatesTask);
    Collector.TraverseStmt(Body);

    for (auto [Call, ExplicitVoid] : Collector.Discarded) {
      if (!Reported.insert(Call->getBeginLoc()).second)
        continue;
      bool Lazy = KindOf(Call->getCallReturnType(Model.astContext())) ==
                  AwaitableKind::LazyTask;
      if (Lazy) {
        diag(Call->getBeginLoc(),
             "the task returned by '%0' is %select{discarded|cast to void}1, so the "
             "coroutine never runs; co_await it, or hand it to the executor that runs "
             "your tasks (a spawn or when_all call)")
            << CalleeName(Call) << ExplicitVoid;
        NoteStartsSuspended(Call);
      } else {
        diag(Call->getBeginLoc(),
             "the awaitable returned by '%0' is %select{discarded|cast to void}1 "
             "without being awaited, so it has no effect; co_await it")
            << CalleeName(Call) << ExplicitVoid;
      }
    }
    for (const auto &[Var, Info] : Collector.Locals) {
      if (Info.Used || !Reported.insert(Var->getLocation()).second)
        continue;
      bool Lazy = KindOf(Var->getType()) == AwaitableKind::LazyTask;
      diag(Var->getLocation(),
           "%select{awaitable|task}0 '%1' returned by '%2' is never awaited, started, "
           "returned or passed on, so %select{it has no effect|the coroutine never "
           "runs}0; co_await it, or hand it to the executor that runs your tasks (a "
           "spawn or when_all call)")
          << Lazy << Var->getName() << CalleeName(Info.Init);
      if (Lazy)
        NoteStartsSuspended(Info.Init);
    }
  }
}

} // namespace concur
