#include "SharedMemoryModel.h"

#include "ExprWrappers.h"
#include "FunctionFacts.h"
#include "Locksets.h"
#include "QualifiedNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Analysis/CFG.h"

#include <deque>

using namespace clang;

namespace concur {
namespace {

// MAP_SHARED is 0x01 on Linux, the BSDs and macOS (MAP_SHARED_VALIDATE, 0x03,
// includes it).
constexpr uint64_t MapSharedBit = 0x01;

/// The variable or field an expression names (`p`, `this->shm_`, `s.p`).
const ValueDecl *namedDecl(const Expr *E) {
  E = E ? E->IgnoreParenCasts() : nullptr;
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *M = dyn_cast_or_null<MemberExpr>(E))
    return M->getMemberDecl();
  return nullptr;
}

/// Whether \p Fd (mmap's descriptor argument) comes from shm_open.
bool fromShmOpen(const Expr *Fd) {
  Fd = Fd ? Fd->IgnoreParenCasts() : nullptr;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(Fd))
    return isCFunction(Call->getDirectCallee(), "shm_open");
  const auto *V = dyn_cast_or_null<VarDecl>(namedDecl(Fd));
  return V && V->getInit() && fromShmOpen(V->getInit());
}

/// Collects plain writes, with their ancestors (for the lockset lookup).
class WriteWalker {
public:
  template <typename Fn> WriteWalker(Fn &&OnWrite) : OnWrite(std::forward<Fn>(OnWrite)) {}

  void walk(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S)) // lambda bodies are functions of their own
      return;
    Ancestors.push_back(S);
    const Expr *Target = nullptr;
    if (const auto *B = dyn_cast<BinaryOperator>(S); B && B->isAssignmentOp())
      Target = B->getLHS();
    else if (const auto *U = dyn_cast<UnaryOperator>(S); U && U->isIncrementDecrementOp())
      Target = U->getSubExpr();
    if (Target)
      OnWrite(cast<Expr>(S), Target, Ancestors);
    for (const Stmt *Child : S->children())
      walk(Child);
    Ancestors.pop_back();
  }

private:
  std::function<void(const Expr *, const Expr *, llvm::ArrayRef<const Stmt *>)> OnWrite;
  llvm::SmallVector<const Stmt *, 16> Ancestors;
};

} // namespace

SharedMemoryModel::SharedMemoryModel(ConcurrencyModel &Model)
    : Model(Model), Forking(Model.analysis<ForkModel>()) {
  findRegions();
  if (Regions.empty())
    return;
  llvm::StringSet<> ForkNames;
  for (const char *N : ForkModel::defaultForkFunctions())
    ForkNames.insert(N);
  Forks = Forking.forks(ForkNames);
  // What each side of each fork calls, transitively in the TU.
  for (const ForkSite &Fork : Forks) {
    ChildReach.emplace_back();
    ParentReach.emplace_back();
    if (Fork.Opaque)
      continue;
    const ChildBranch &Child = Forking.childOf(Fork);
    auto Reach = [&](const std::vector<const CallSite *> &From,
                     llvm::DenseSet<const FunctionDecl *> &Into) {
      std::deque<std::pair<const FunctionDecl *, unsigned>> Work;
      for (const CallSite *C : From)
        if (Model.callGraph().isExplorable(C->Callee))
          Work.push_back({C->Callee, 0});
      while (!Work.empty()) {
        auto [F, Depth] = Work.front();
        Work.pop_front();
        const FunctionDecl *Def = nullptr;
        F->hasBody(Def);
        if (!Def || !Into.insert(Def).second || Depth >= 6)
          continue;
        for (const CallSite &C : Model.callGraph().callsIn(Def))
          if (Model.callGraph().isExplorable(C.Callee))
            Work.push_back({C.Callee, Depth + 1});
      }
    };
    Reach(Child.ChildCalls, ChildReach.back());
    Reach(Child.ParentCalls, ParentReach.back());
  }
  findWrites();
}

void SharedMemoryModel::findRegions() {
  ASTContext &Ctx = Model.astContext();
  for (const FunctionDecl *F : Model.index().functions())
    for (const CallSite &C : Model.callGraph().callsIn(F)) {
      if (isCFunction(C.Callee, "pthread_mutexattr_setpshared"))
        SetsProcessShared = true;
      const auto *Call = dyn_cast<CallExpr>(C.Call);
      if (!Call || !(isCFunction(C.Callee, "mmap") || isCFunction(C.Callee, "mmap64")) ||
          Call->getNumArgs() < 5)
        continue;
      Expr::EvalResult Flags;
      if (Call->getArg(3)->isValueDependent() || !Call->getArg(3)->EvaluateAsInt(Flags, Ctx) ||
          !(Flags.Val.getInt().getZExtValue() & MapSharedBit))
        continue;
      // Climb from the call to where its value is kept, through casts,
      // parentheses and placement new.
      DynTypedNode Node = DynTypedNode::create(*static_cast<const Stmt *>(Call));
      const ValueDecl *Holder = nullptr;
      bool Returned = false;
      for (unsigned Steps = 0; Steps < 8 && !Holder && !Returned; ++Steps) {
        auto Parents = Ctx.getParents(Node);
        if (Parents.empty())
          break;
        const DynTypedNode &P = Parents[0];
        if (const auto *V = P.get<VarDecl>()) {
          Holder = V;
        } else if (P.get<ReturnStmt>()) {
          Returned = true;
        } else if (const auto *Init = P.get<CXXCtorInitializer>()) {
          Holder = Init->getMember();
        } else if (const auto *B = P.get<BinaryOperator>()) {
          if (B->getOpcode() == BO_Assign)
            Holder = namedDecl(B->getLHS());
          break;
        } else if (const auto *E = P.get<Expr>();
                   E && (isa<CastExpr, ParenExpr, CXXNewExpr, ExprWithCleanups,
                             MaterializeTemporaryExpr>(E))) {
          Node = P;
          continue;
        } else {
          break;
        }
      }
      if (Holder && Holder->getType()->isPointerType()) {
        Regions.push_back({Holder, Call, fromShmOpen(Call->getArg(4))});
      } else if (Returned) {
        // `return (T *)mmap(...);`: the callers' variables hold it.
        Regions.push_back({F, Call, fromShmOpen(Call->getArg(4))});
        Returning[F->getCanonicalDecl()] = &Regions.back();
      }
    }
}

bool SharedMemoryModel::forkInLoop(const ForkSite &Fork) const {
  return Model.analysis<FunctionFacts>().of(Fork.In).InnermostLoop.count(Fork.Call) != 0;
}

void SharedMemoryModel::classify(SharedWrite &W, llvm::ArrayRef<const Stmt *> Ancestors) {
  for (unsigned I = 0; I < Forks.size(); ++I) {
    const ForkSite &Fork = Forks[I];
    if (Fork.Opaque)
      continue;
    if (Fork.In != W.In) {
      if (ChildReach[I].count(W.In))
        W.Contexts.push_back({WriterContext::Child, &Fork});
      else if (ParentReach[I].count(W.In))
        W.Contexts.push_back({WriterContext::Parent, &Fork});
      continue;
    }
    const CFG *G = Model.cfg(W.In);
    if (!G)
      continue;
    const ChildBranch &Child = Forking.childOf(Fork);
    // The element holding the write: the innermost ancestor the CFG lists.
    for (const CFGBlock *B : *G) {
      int WriteAt = -1, ForkAt = -1, Index = 0;
      for (const CFGElement &E : *B) {
        if (auto S = E.getAs<CFGStmt>()) {
          if (S->getStmt() == Fork.Call)
            ForkAt = Index;
          if (WriteAt < 0 && llvm::is_contained(Ancestors, S->getStmt()))
            WriteAt = Index;
        }
        ++Index;
      }
      if (WriteAt < 0)
        continue;
      unsigned Id = B->getBlockID();
      bool BeforeFork = ForkAt >= 0 && WriteAt < ForkAt;
      if (BeforeFork || !Child.AfterForkBlocks.count(Id))
        break; // before the fork: one process
      if (Child.Result == ChildBranch::Untested) {
        W.Contexts.push_back({WriterContext::Child, &Fork});
        W.Contexts.push_back({WriterContext::Parent, &Fork});
      } else {
        W.Contexts.push_back({Child.ChildBlocks.count(Id) ? WriterContext::Child
                                                          : WriterContext::Parent,
                              &Fork});
      }
      break;
    }
  }
}

const llvm::DenseSet<const Stmt *> &
SharedMemoryModel::semaphoreHeld(const FunctionDecl *F,
                                 const std::function<bool(const Expr *)> &InMapping) {
  auto [It, Inserted] = SemHeld.try_emplace(F);
  llvm::DenseSet<const Stmt *> &Held = It->second;
  const CFG *G = Inserted ? Model.cfg(F) : nullptr;
  if (!G)
    return Held;
  // +1 for sem_wait on a semaphore in the mapping, -1 for sem_post: a
  // must-analysis (held on every path), so paths meet with min.
  auto Effect = [&](const CFGElement &E) {
    auto S = E.getAs<CFGStmt>();
    const auto *Call = S ? dyn_cast<CallExpr>(S->getStmt()) : nullptr;
    if (!Call || Call->getNumArgs() < 1 || !InMapping(Call->getArg(0)))
      return 0;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (isCFunction(Callee, "sem_wait") || isCFunction(Callee, "sem_timedwait"))
      return 1;
    if (isCFunction(Callee, "sem_post"))
      return -1;
    return 0;
  };
  auto In = solveForward(
      *G, 0,
      [&](int &Count, const CFGElement &E) { Count = std::max(0, Count + Effect(E)); },
      [](int &, const CFGBlock &, unsigned) {},
      [](int &Into, const int &From) { Into = std::min(Into, From); });
  for (const CFGBlock *B : *G) {
    if (!In[B->getBlockID()])
      continue;
    int Count = *In[B->getBlockID()];
    for (const CFGElement &E : *B) {
      if (auto S = E.getAs<CFGStmt>(); S && Count > 0)
        Held.insert(S->getStmt());
      Count = std::max(0, Count + Effect(E));
    }
  }
  return Held;
}

void SharedMemoryModel::findAliases() {
  llvm::DenseMap<const ValueDecl *, const SharedRegion *> ByPointer;
  for (const SharedRegion &R : Regions)
    ByPointer[R.Pointer] = &R;
  auto RegionOf = [&](const Expr *E) -> const SharedRegion * {
    if (!E)
      return nullptr;
    E = E->IgnoreParenCasts();
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        return Returning.lookup(Callee->getCanonicalDecl());
    const ValueDecl *D = namedDecl(E);
    return D ? ByPointer.lookup(D) : nullptr;
  };
  auto Add = [&](const ValueDecl *Alias, const SharedRegion &From) {
    if (!Alias->getType()->isPointerType() || ByPointer.count(Alias))
      return false;
    Regions.push_back({Alias, From.Mapping, From.Named});
    ByPointer[Alias] = &Regions.back();
    return true;
  };
  // A few rounds reach pointers passed down a call chain.
  for (unsigned Round = 0; Round < 4; ++Round) {
    bool Changed = false;
    for (const FunctionDecl *F : Model.index().functions()) {
      for (const auto &[Stored, Var] : Model.analysis<FunctionFacts>().of(F).StoredInto)
        if (const SharedRegion *R = RegionOf(Stored))
          Changed |= Add(Var, *R);
      for (const CallSite &C : Model.callGraph().callsIn(F)) {
        const auto *Call = dyn_cast<CallExpr>(C.Call);
        const FunctionDecl *Def = nullptr;
        if (!Call || !Model.callGraph().isExplorable(C.Callee) || !C.Callee->hasBody(Def))
          continue;
        unsigned Shift = isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Def) ? 1 : 0;
        for (unsigned I = Shift; I < Call->getNumArgs() && I - Shift < Def->getNumParams(); ++I)
          if (const SharedRegion *R = RegionOf(Call->getArg(I)))
            Changed |= Add(Def->getParamDecl(I - Shift), *R);
      }
    }
    if (!Changed)
      break;
  }
}

void SharedMemoryModel::findWrites() {
  llvm::DenseMap<const ValueDecl *, const SharedRegion *> ByPointer;
  auto RegionOf = [&](const Expr *E) -> const SharedRegion * {
    const ValueDecl *D = namedDecl(E);
    return D ? ByPointer.lookup(D) : nullptr;
  };
  // The region a write target lies in: it must go through the pointer
  // (`*p`, `p[i]`, `p->f`), not assign the pointer itself.
  auto Through = [&](const Expr *E) -> const SharedRegion * {
    for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
      E = E->IgnoreParenImpCasts();
      if (const auto *M = dyn_cast<MemberExpr>(E)) {
        if (M->isArrow())
          return RegionOf(M->getBase());
        E = M->getBase();
      } else if (const auto *A = dyn_cast<ArraySubscriptExpr>(E)) {
        if (const SharedRegion *R = RegionOf(A->getBase()))
          return R;
        E = A->getBase();
      } else if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref) {
        return RegionOf(U->getSubExpr());
      } else {
        return nullptr;
      }
    }
    return nullptr;
  };
  auto ProcessShared = [&](const HeldLock &H) {
    const ValueDecl *D = H.Id.Decl;
    if (!D)
      return false;
    if (ByPointer.count(D))
      return true; // a pointer to a mutex in the mapping
    if (const auto *Field = dyn_cast<FieldDecl>(D))
      for (const SharedRegion &R : Regions)
        if (const CXXRecordDecl *RD = classOfType(R.Pointer->getType());
            RD && RD == Field->getParent())
          return true; // a mutex inside the mapped struct
    if (const CXXRecordDecl *RD = classOfType(D->getType());
        RD && genericName(RD) == "concur::ProcessMutex")
      return true;
    return SetsProcessShared &&
           D->getType().getNonReferenceType().getAsString().find("pthread_mutex_t") !=
               std::string::npos;
  };

  findAliases();
  for (const SharedRegion &R : Regions)
    ByPointer[R.Pointer] = &R;
  Locksets &Locks = Model.analysis<Locksets>();
  for (const FunctionDecl *F : Model.index().functions()) {
    WriteWalker Walker([&](const Expr *Write, const Expr *Target,
                           llvm::ArrayRef<const Stmt *> Ancestors) {
      if (Target->getType()->isAtomicType())
        return;
      const SharedRegion *R = Through(Target);
      if (!R)
        return;
      SharedWrite W;
      W.Write = Write;
      W.In = F;
      W.Region = R;
      // A semaphore in the mapping held around the write (sem_wait/sem_post).
      const auto &SemHeldHere = semaphoreHeld(F, [&](const Expr *Arg) {
        Arg = Arg->IgnoreParenCasts();
        if (const auto *Addr = dyn_cast<UnaryOperator>(Arg);
            Addr && Addr->getOpcode() == UO_AddrOf)
          return Through(Addr->getSubExpr()) != nullptr;
        return RegionOf(Arg) != nullptr; // a sem_t * into the mapping
      });
      for (const Stmt *A : llvm::reverse(Ancestors))
        if (SemHeldHere.count(A)) {
          W.Synchronized = true;
          break;
        }
      if (const Lockset *Held = Locks.of(F).heldAround(Ancestors))
        for (const HeldLock &H : *Held) {
          if (ProcessShared(H))
            W.Synchronized = true;
          else if (H.Id.Decl)
            W.OtherLocks.push_back(
                {H.Id.name(), H.Id.Decl->getType().getNonReferenceType().getAsString()});
        }
      classify(W, Ancestors);
      Writes.push_back(std::move(W));
    });
    const FunctionDecl *Def = nullptr;
    if (!F->hasBody(Def))
      continue;
    Walker.walk(Def->getBody());
  }
}

bool SharedMemoryModel::contended(const SharedRegion &R) const {
  if (R.Named)
    return true;
  llvm::SmallVector<WriterContext, 4> Seen;
  bool ParentWrites = false;
  unsigned Writers = 0;
  for (const SharedWrite &W : Writes) {
    if (W.Region->Mapping != R.Mapping)
      continue;
    for (const WriterContext &C : W.Contexts) {
      if (C.Side == WriterContext::Child && forkInLoop(*C.Fork))
        return true; // several children run the same code
      if (C.Side == WriterContext::Parent) {
        // The parent is one process, whichever fork it is "after".
        Writers += !ParentWrites;
        ParentWrites = true;
        continue;
      }
      if (!llvm::is_contained(Seen, C)) {
        Seen.push_back(C);
        ++Writers;
      }
    }
  }
  return Writers >= 2;
}

} // namespace concur
