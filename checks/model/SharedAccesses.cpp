#include "SharedAccesses.h"

#include "CallWrites.h"
#include "EnclosedMembers.h"
#include "ExprWrappers.h"
#include "FreshObjects.h"
#include "FunctionFacts.h"
#include "LibraryAccesses.h"
#include "PointerStores.h"

#include "QualifiedNames.h"
#include "Termination.h"
#include "ThreadTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/Hashing.h"

using namespace clang;

namespace concur {

namespace {


bool isWrapper(const Stmt *S) {
  if (isa<ImplicitCastExpr>(S) || isa<ParenExpr>(S) || isa<MaterializeTemporaryExpr>(S) ||
      isa<CXXBindTemporaryExpr>(S) || isa<ExprWithCleanups>(S) || isa<CXXFunctionalCastExpr>(S))
    return true;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
    return CE->getNumArgs() == 1 && CE->getConstructor()->isCopyOrMoveConstructor();
  if (const auto *CE = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *F = CE->getDirectCallee())
      return CE->getNumArgs() == 1 && genericName(F) == "std::move";
  return false;
}

void addSorted(SpawnSet &Set, unsigned V) {
  auto It = llvm::lower_bound(Set, V);
  if (It == Set.end() || *It != V)
    Set.insert(It, V);
}

void unite(SpawnSet &Into, const SpawnSet &From) {
  for (unsigned V : From)
    addSorted(Into, V);
}

const Expr *objectArgument(const Expr *Call);

/// Whether \p A touches a field of `this` of its summary's function: the
/// access is through `this`, and every call on the way passes `this` on.
bool throughThisOnly(const Access &A) {
  const auto *ME = dyn_cast_or_null<MemberExpr>(A.Site);
  if (!A.Loc.Field || A.Loc.Var || !ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return false;
  return llvm::all_of(A.Chain, [](const CallSite *Hop) {
    const Expr *Object = objectArgument(Hop->Call);
    return Object && isa<CXXThisExpr>(ignoreValueWrappers(Object));
  });
}

/// Whether \p E is a member object of `this` (`a_`), a choice of them
/// (`c ? a_ : b_`), or what a pointer member that only ever points at
/// them holds (`*current_`, PointerStores::pointsIntoOwnObject).
bool ownMemberObject(const Expr *E, PointerStores &Stores) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (const auto *C = dyn_cast_or_null<ConditionalOperator>(E))
    return ownMemberObject(C->getTrueExpr(), Stores) &&
           ownMemberObject(C->getFalseExpr(), Stores);
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(E); U && U->getOpcode() == UO_Deref) {
    const auto *Selector = dyn_cast<MemberExpr>(U->getSubExpr()->IgnoreParenImpCasts());
    const auto *Field = Selector ? dyn_cast<FieldDecl>(Selector->getMemberDecl()) : nullptr;
    return Field && isa<CXXThisExpr>(Selector->getBase()->IgnoreParenImpCasts()) &&
           Stores.pointsIntoOwnObject(Field);
  }
  const auto *ME = dyn_cast_or_null<MemberExpr>(E);
  const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  return Field && !Field->getType()->isPointerType() && !Field->getType()->isReferenceType() &&
         isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
}

/// Whether \p M returns (by reference) one of its object's member objects
/// on every path (`Outputs &Current() { return c ? a_ : b_; }`).
bool ownMemberAccessor(const CXXMethodDecl *M, PointerStores &Stores) {
  if (!M || M->isStatic() || !M->getReturnType()->isLValueReferenceType())
    return false;
  const FunctionDecl *Def = M->getDefinition();
  if (!Def || !Def->getBody())
    return false;
  bool Any = false, All = true;
  llvm::SmallVector<const Stmt *, 16> Work{Def->getBody()};
  while (!Work.empty() && All) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *R = dyn_cast<ReturnStmt>(S)) {
      Any = true;
      All = ownMemberObject(R->getRetValue(), Stores);
    }
    llvm::append_range(Work, S->children());
  }
  return Any && All;
}

/// `obj.Current()` of an accessor (ownMemberAccessor): its object, else null.
const Expr *accessorObject(const Expr *E, PointerStores &Stores) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
  return MC && ownMemberAccessor(MC->getMethodDecl(), Stores) ? MC->getImplicitObjectArgument()
                                                              : nullptr;
}

/// Whether \p E is `this` or a member object within it (`buf_`,
/// `state_.stats`): not what a pointer or reference member refers to.
bool partOfThis(const Expr *E) {
  E = ignoreValueWrappers(E);
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref)
    E = ignoreValueWrappers(U->getSubExpr()); // `*this = std::move(o)`
  while (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field || Field->getType()->isPointerType() || Field->getType()->isReferenceType())
      return false;
    E = ignoreValueWrappers(ME->getBase());
    if (ME->isArrow())
      break; // `this->buf_`: the base must be `this` itself
  }
  return isa<CXXThisExpr>(E);
}

bool isLoop(const Stmt *S) {
  return isa<ForStmt>(S) || isa<WhileStmt>(S) || isa<DoStmt>(S) || isa<CXXForRangeStmt>(S);
}

/// The declaration a thread/future/container object expression names: a
/// variable, a field, or, for a range-for variable, the container.
const ValueDecl *objectDecl(const Expr *E, llvm::ArrayRef<const Stmt *> Ancestors) {
  E = ignoreValueWrappers(E);
  while (E) {
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)) {
      E = ignoreValueWrappers(U->getSubExpr());
    } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      E = ignoreValueWrappers(AS->getBase());
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
               OC && OC->getOperator() == OO_Subscript) {
      E = ignoreValueWrappers(OC->getArg(0));
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
               MC && MC->getMethodDecl() && MC->getMethodDecl()->getName() == "at") {
      E = ignoreValueWrappers(MC->getImplicitObjectArgument());
    } else {
      break;
    }
  }
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
    return ME->getMemberDecl();
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E);
  if (!DRE)
    return nullptr;
  const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
  // `for (std::thread &t : threads) t.join();` joins the container.
  for (const Stmt *A : Ancestors)
    if (const auto *RF = dyn_cast<CXXForRangeStmt>(A); RF && RF->getLoopVariable() == V)
      return objectDecl(RF->getRangeInit(), {});
  return V;
}

/// Whether destroying an object of type \p T that holds spawn \p S's
/// thread or future waits for it: a std::jthread (or a container of them)
/// joins, std::async's future blocks; a std::thread, a pool's future or a
/// container of threads does not.
bool destructorWaits(QualType T, const SpawnSite &S) {
  if (T.getAsString().find("jthread") != std::string::npos)
    return true;
  if (S.Kind != SpawnKind::Async)
    return false;
  const CXXRecordDecl *RD = classOfType(T);
  if (!RD)
    return false;
  std::string N = genericName(RD);
  return N == "std::future" || N == "std::shared_future";
}

} // namespace

Claims takeClaims(Lockset &Set) {
  Claims Out;
  llvm::erase_if(Set, [&](const HeldLock &H) {
    if (!isClaim(H.Id))
      return false;
    Out.push_back(H.Id.Decl);
    return true;
  });
  return Out;
}

std::string AccessLocation::name() const {
  std::string Name;
  if (Field && Var)
    Name = Var->getNameAsString() + "." + Field->getNameAsString();
  else if (Field)
    Name = genericName(Field->getParent()) + "::" + Field->getNameAsString();
  else
    Name = Var ? Var->getNameAsString() : "<unknown>";
  if (Pointee && Element < 0)
    Name = "*" + Name;
  if (Element >= 0)
    Name += "[" + std::to_string(Element) + "]";
  return Name;
}

namespace {

/// The index of \p AS if it is a small non-negative constant.
std::optional<int64_t> constantIndex(const ArraySubscriptExpr *AS, const ASTContext &Ctx) {
  if (AS->getIdx()->isValueDependent())
    return std::nullopt;
  std::optional<llvm::APSInt> Index = AS->getIdx()->getIntegerConstantExpr(Ctx);
  if (!Index || Index->isNegative() || Index->getActiveBits() > 62)
    return std::nullopt;
  return Index->getExtValue();
}

/// Whether \p P is a parameter of \p F (of any of its declarations).
bool isParamOf(const ParmVarDecl *P, const FunctionDecl *F) {
  const auto *Owner = P && F ? dyn_cast<FunctionDecl>(P->getDeclContext()) : nullptr;
  return Owner && Owner->getCanonicalDecl() == F->getCanonicalDecl();
}

/// The pointer parameter a local pointer was initialised from
/// (`int *buf = arg;`, `slot_t *me = arg;`), or \p V itself.
const VarDecl *pointerOrigin(const VarDecl *V) {
  const auto *DRE = V && !isa<ParmVarDecl>(V) && V->hasLocalStorage() && V->getInit()
                        ? dyn_cast<DeclRefExpr>(V->getInit()->IgnoreParenCasts())
                        : nullptr;
  const auto *Param = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  return Param && Param->getType()->isPointerType() ? Param : V;
}

} // namespace

/// One walk over a function body (not into lambdas or local classes): the
/// accesses to shared locations, spawn bindings and joins.
class AccessCollector {
public:
  AccessCollector(SharedAccesses &SA, const FunctionDecl *F, const FunctionLocks &Locks)
      : SA(SA), F(F), Locks(Locks), Catalog(SA.Locks.catalog()),
        Explorable(SA.Model.callGraph()) {}

  struct RawAccess {
    Access A;
    llvm::SmallVector<const Stmt *, 8> Ancestors;
  };
  std::vector<RawAccess> Accesses;
  /// Spawn index -> the declaration its thread/future object is bound to.
  llvm::DenseMap<unsigned, const ValueDecl *> Binding;
  llvm::DenseSet<unsigned> Immediate; ///< std::async futures dropped at once
  /// Element statement -> declarations whose spawns it joins.
  llvm::DenseMap<const Stmt *, llvm::SmallVector<const ValueDecl *, 1>> Joins;
  /// Loop statement -> containers joined in its body.
  llvm::DenseMap<const Stmt *, llvm::SmallVector<const ValueDecl *, 1>> LoopJoins;
  llvm::DenseSet<const Stmt *> PoolWaits;
  /// The conditions of the branches and loops that enclose a spawn or a
  /// join: the tests whose outcome can decide whether a thread started
  /// here is joined (RunningSpawns correlates only these).
  llvm::SmallVector<const Expr *, 4> SpawnOrJoinTests;

  void run() {
    if (const Stmt *Body = F->getBody())
      walk(Body);
  }

private:
  struct CheckFrame {
    llvm::SmallVector<std::pair<AccessLocation, const Expr *>, 2> Reads;
  };

  void walk(const Stmt *S, bool InLocationBase = false) {
    if (!S)
      return;
    if (isa<LambdaExpr>(S) || isa<UnaryExprOrTypeTraitExpr>(S) || isa<CXXNoexceptExpr>(S) ||
        isa<RequiresExpr>(S))
      return;
    if (const auto *TI = dyn_cast<CXXTypeidExpr>(S); TI && !TI->isPotentiallyEvaluated())
      return;
    Stack.push_back(S);
    bool BaseOfLocation = false;
    if (const auto *E = dyn_cast<Expr>(S)) {
      if (!InLocationBase)
        if (std::optional<AccessLocation> Loc = locate(E)) {
          record(E, *Loc);
          BaseOfLocation = true;
        }
      noteSpawnOrJoin(E);
    }
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      // Reads in the condition, then the branches under a check frame.
      size_t First = Accesses.size();
      walk(If->getInit());
      walk(If->getConditionVariableDeclStmt());
      walk(If->getCond());
      CheckFrame Frame;
      for (size_t I = First; I < Accesses.size(); ++I)
        if (Accesses[I].A.Kind == AccessKind::Read)
          Frame.Reads.push_back({Accesses[I].A.Loc, Accesses[I].A.Site});
      Checks.push_back(std::move(Frame));
      walk(If->getThen());
      walk(If->getElse());
      Checks.pop_back();
      Stack.pop_back();
      return;
    }
    bool ChildrenAreBase = BaseOfLocation || (InLocationBase && isLocationChain(S));
    for (const Stmt *Child : S->children())
      walk(Child, ChildrenAreBase && isLocationChain(Child));
    Stack.pop_back();
  }

  static bool isLocationChain(const Stmt *S) {
    return S && (isa<MemberExpr>(S) || isa<DeclRefExpr>(S) || isa<CXXThisExpr>(S) ||
                 isa<ImplicitCastExpr>(S) || isa<ParenExpr>(S));
  }

  bool sharedType(QualType T) const {
    if (T.isNull() || T.isConstQualified() || T->isReferenceType())
      return false;
    // An object with no state (an allocator, a comparator, a tag) cannot
    // be raced on, whatever a library call does with it.
    if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
        RD && RD->hasDefinition() && RD->getDefinition()->isEmpty())
      return false;
    return !Catalog.isSynchronizing(T);
  }

  /// Whether what \p V points to may be shared: a pointer parameter (the
  /// caller's argument decides), or a local pointer handed to a thread.
  bool pointsToShared(const VarDecl *V) const {
    return V->getType()->isPointerType() && (isa<ParmVarDecl>(V) || SA.isSharedPointer(V));
  }

  /// `*p`, or `p[2]` at a constant index, for a pointer \p p whose object
  /// may be shared: that object (AccessLocation::Pointee).
  std::optional<AccessLocation> throughPointer(const Expr *E) const {
    const Expr *Pointer = nullptr;
    int64_t Element = -1;
    if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref) {
      Pointer = U->getSubExpr();
    } else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      std::optional<int64_t> Index = constantIndex(AS, SA.Model.astContext());
      if (!Index)
        return std::nullopt; // elements at a varying index: partitioned
      Pointer = AS->getBase();
      Element = *Index;
    } else {
      return std::nullopt;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(Pointer->IgnoreParenCasts());
    const auto *V = pointerOrigin(DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr);
    if (!V || !pointsToShared(V) || !sharedType(E->getType()))
      return std::nullopt;
    AccessLocation L{V, nullptr, Element};
    L.Pointee = true;
    return L;
  }

  std::optional<AccessLocation> locate(const Expr *E) const {
    if (std::optional<AccessLocation> L = throughPointer(E))
      return L;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      // A pointer handed to the C library as a buffer (`memcpy(out, ...)`)
      // is an access to what it points to.
      if (V && pointsToShared(V) && !Stack.empty() && Stack.back() == E &&
          bufferUsage(Stack.size() - 1)) {
        AccessLocation L{V, nullptr};
        L.Pointee = true;
        return L;
      }
      // What a reference parameter refers to (`f++` for `int &f`): the
      // caller's argument names it (SharedAccesses::bindToCaller).
      if (const auto *P = dyn_cast_or_null<ParmVarDecl>(V);
          P && P->getType()->isLValueReferenceType() && isParamOf(P, F) &&
          sharedType(P->getType().getNonReferenceType())) {
        AccessLocation L{P, nullptr};
        L.Pointee = true;
        return L;
      }
      if (!V || !sharedType(V->getType()) ||
          (V->getTLSKind() != VarDecl::TLS_None && !SA.isEscapedThreadLocal(V)) ||
          V->isConstexpr() || LockCatalog::isSynchronizedStream(V))
        return std::nullopt;
      if (V->hasGlobalStorage() || SA.isSharedLocal(V))
        return AccessLocation{V, nullptr};
      return std::nullopt;
    }
    const auto *ME = dyn_cast<MemberExpr>(E);
    if (!ME)
      return std::nullopt;
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD || !sharedType(FD->getType()))
      return std::nullopt;
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base)) {
      // An object under construction or destruction is not yet shared.
      // Its base-class parts too.
      const auto *M = dyn_cast<CXXMethodDecl>(F);
      const auto *Owner = dyn_cast<CXXRecordDecl>(FD->getParent());
      if ((isa<CXXConstructorDecl>(F) || isa<CXXDestructorDecl>(F)) && M && Owner &&
          (M->getParent() == Owner ||
           (M->getParent()->hasDefinition() && M->getParent()->isDerivedFrom(Owner))))
        return std::nullopt;
      return AccessLocation{nullptr, FD};
    }
    if (const auto *Inner = dyn_cast<MemberExpr>(Base)) {
      if (ME->isArrow())
        return AccessLocation{nullptr, FD};
      std::optional<AccessLocation> Outer = locate(Inner);
      if (!Outer && isa<FieldDecl>(Inner->getMemberDecl()) &&
          !Catalog.isSynchronizing(Inner->getType()))
        return std::nullopt;
      return AccessLocation{Outer ? Outer->Var : nullptr, FD};
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Base)) {
      const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
      if (!V)
        return std::nullopt;
      QualType T = V->getType();
      if (ME->isArrow() || T->isReferenceType())
        return AccessLocation{nullptr, FD};
      if (V->getTLSKind() != VarDecl::TLS_None || T.isConstQualified())
        return std::nullopt;
      if (V->hasGlobalStorage() || SA.isSharedLocal(V))
        return AccessLocation{V, FD};
      return std::nullopt;
    }
    return AccessLocation{nullptr, FD};
  }

  // How the innermost location expression on the stack is used; with
  // \p Element, an element of it at a constant index is used (and
  // *Element set to the index).
  std::optional<AccessKind> usage(int64_t *Element = nullptr) const {
    size_t I = Stack.size() - 1;
    const Stmt *Child = Stack[I];
    while (I > 0) {
      const Stmt *P = Stack[I - 1];
      if (const auto *IC = dyn_cast<ImplicitCastExpr>(P)) {
        if (IC->getCastKind() == CK_LValueToRValue)
          return AccessKind::Read;
        // An element access is taken to be partitioned between threads,
        // unless its index is a constant; the whole array handed to a C
        // library function is not.
        if (IC->getCastKind() == CK_ArrayToPointerDecay) {
          if (std::optional<int64_t> Index = constantSubscript(I - 1); Index && Element) {
            *Element = *Index;
            Element = nullptr; // one dimension
            Child = Stack[I - 2];
            I -= 2;
            continue;
          }
          return bufferUsage(I - 1);
        }
      } else if (const auto *U = dyn_cast<UnaryOperator>(P); U && U->getOpcode() == UO_AddrOf) {
        return bufferUsage(I - 1); // `read(fd, &buf, 1)`
      } else if (!isa<ParenExpr>(P)) {
        return usageIn(P, Child);
      }
      Child = P;
      --I;
    }
    return std::nullopt;
  }

  /// The index of the subscript Stack[I] (an array's decay) is the base
  /// of, if it is a non-negative constant.
  std::optional<int64_t> constantSubscript(size_t I) const {
    const auto *AS = I > 0 ? dyn_cast<ArraySubscriptExpr>(Stack[I - 1]) : nullptr;
    if (!AS || AS->getBase() != Stack[I])
      return std::nullopt;
    return constantIndex(AS, SA.Model.astContext());
  }

  /// Whether the location on top of the stack is an argument for a
  /// non-const lvalue reference parameter of a callee whose accesses are
  /// lifted into this function's (see SharedAccesses::compute).
  bool lentByReference() const {
    size_t I = Stack.size() - 1;
    while (I > 0 && (isa<ParenExpr>(Stack[I - 1]) ||
                     (isa<ImplicitCastExpr>(Stack[I - 1]) &&
                      cast<ImplicitCastExpr>(Stack[I - 1])->getCastKind() != CK_LValueToRValue)))
      --I;
    const auto *CE = I > 0 ? dyn_cast<CallExpr>(Stack[I - 1]) : nullptr;
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    if (!Callee || !Explorable.isExplorable(Callee) || Callee->isDefaulted() || SA.Spawns.at(CE))
      return false;
    unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
    for (unsigned Arg = Shift; Arg < CE->getNumArgs(); ++Arg)
      if (CE->getArg(Arg) == Stack[I]) {
        if (Arg - Shift >= Callee->getNumParams())
          return false;
        QualType T = Callee->getParamDecl(Arg - Shift)->getType();
        return T->isLValueReferenceType() && !T.getNonReferenceType().isConstQualified();
      }
    return false;
  }

  /// What a C library call does to the buffer whose address Stack[I] is
  /// (LibraryAccesses.h); none when it is not such an argument.
  std::optional<AccessKind> bufferUsage(size_t I) const {
    const Stmt *Pointer = Stack[I];
    while (I > 0 && (isa<CastExpr>(Stack[I - 1]) || isa<ParenExpr>(Stack[I - 1])))
      Pointer = Stack[--I];
    const auto *Call = I > 0 ? dyn_cast<CallExpr>(Stack[I - 1]) : nullptr;
    if (!Call)
      return std::nullopt;
    for (unsigned Arg = 0; Arg < Call->getNumArgs(); ++Arg)
      if (Call->getArg(Arg) == Pointer)
        return libraryBufferUsage(Call->getDirectCallee(), Arg);
    return std::nullopt;
  }

  std::optional<AccessKind> usageIn(const Stmt *P, const Stmt *Child) const {
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->getLHS()->IgnoreParens() != Child)
        return AccessKind::Read;
      if (BO->getOpcode() == BO_Assign)
        return AccessKind::Write;
      if (BO->isCompoundAssignmentOp())
        return AccessKind::ReadModifyWrite;
      return AccessKind::Read;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(P)) {
      if (U->isIncrementDecrementOp())
        return AccessKind::ReadModifyWrite;
      if (U->getOpcode() == UO_AddrOf)
        return std::nullopt;
      return AccessKind::Read;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      if (!M)
        return std::nullopt;
      return methodUsage(M);
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P)) {
      const auto *M = dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee());
      if (M && OC->getNumArgs() && OC->getArg(0)->IgnoreParens() == Child) {
        // A user-written operator's accesses are in its own summary.
        if (Explorable.isExplorable(M) && !M->isDefaulted())
          return std::nullopt;
        OverloadedOperatorKind K = OC->getOperator();
        if (K == OO_Equal)
          return AccessKind::Write;
        if (K == OO_PlusPlus || K == OO_MinusMinus || K == OO_PlusEqual ||
            K == OO_MinusEqual || K == OO_StarEqual || K == OO_SlashEqual ||
            K == OO_PipeEqual || K == OO_AmpEqual || K == OO_LessLessEqual)
          return AccessKind::ReadModifyWrite;
        return methodUsage(M);
      }
      return argumentUsage(OC, Child);
    }
    if (const auto *CE = dyn_cast<CallExpr>(P))
      return argumentUsage(CE, Child);
    if (const auto *CC = dyn_cast<CXXConstructExpr>(P)) {
      const CXXConstructorDecl *Ctor = CC->getConstructor();
      if (!Ctor || genericName(Ctor->getParent()).starts_with("std::atomic_ref"))
        return std::nullopt;
      for (unsigned I = 0; I < CC->getNumArgs() && I < Ctor->getNumParams(); ++I)
        if (CC->getArg(I)->IgnoreParens() == Child)
          return parameterUsage(Ctor, I);
      return AccessKind::Read;
    }
    return std::nullopt;
  }

  std::optional<AccessKind> methodUsage(const CXXMethodDecl *M) const {
    if (M->isConst() || M->isStatic())
      return AccessKind::Read;
    // The method's own accesses through `this` are in its summary. A
    // defaulted special member only copies or destroys the object, so it is
    // one access to the receiver (`results[i] = r` writes element i, not
    // every object of the class).
    if (Explorable.isExplorable(M) && !M->isDefaulted())
      return std::nullopt;
    // A method of the program's own class defined in another TU (a thread
    // handle's start(), a queue's push(), a logger's log()) may synchronise
    // inside; as in RacerD, an effect that is unknown is no access. Library
    // classes from system headers keep the container rules below.
    if (Explorable.isOpaque(M))
      return std::nullopt;
    llvm::StringRef N = M->getName();
    if (M->getOverloadedOperator() == OO_Subscript) {
      std::string Class = genericName(M->getParent());
      return llvm::StringRef(Class).contains("map") ? AccessKind::Write : AccessKind::Read;
    }
    if (N == "at" || N == "begin" || N == "end" || N == "front" || N == "back" ||
        N == "data" || N == "find" || N == "rbegin" || N == "rend")
      return AccessKind::Read;
    return AccessKind::Write;
  }

  std::optional<AccessKind> argumentUsage(const CallExpr *CE, const Stmt *Child) const {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee)
      return AccessKind::Read;
    // std::allocator_traits<A>::allocate(a, n) and the like use the
    // allocator as the container does, through its own members; they do
    // not assign it.
    if (const auto *M = dyn_cast<CXXMethodDecl>(Callee);
        M && M->isStatic() && genericName(M->getParent()) == "std::allocator_traits")
      return AccessKind::Read;
    unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
    for (unsigned I = Shift; I < CE->getNumArgs(); ++I)
      if (CE->getArg(I)->IgnoreParens() == Child) {
        if (I - Shift < Callee->getNumParams())
          return parameterUsage(Callee, I - Shift);
        return AccessKind::Read;
      }
    return AccessKind::Read;
  }

  /// How \p Callee uses the argument of its parameter \p Index: by the
  /// parameter's type, or, for a forwarding wrapper's `Args&&`, by the
  /// types of the parameters it forwards the argument to.
  std::optional<AccessKind> parameterUsage(const FunctionDecl *Callee, unsigned Index) const {
    if (auto Targets = SA.Forwarded.targets(Callee, Index)) {
      // The wrapper's callee does not lift its accesses through the
      // wrapper: a non-const reference there may be written.
      bool Writes = llvm::any_of(*Targets, [](const ForwardTarget &T) {
        return T.first->isRValueReferenceType() ||
               (T.first->isLValueReferenceType() &&
                !T.first.getNonReferenceType().isConstQualified());
      });
      return Writes ? AccessKind::Write : AccessKind::Read;
    }
    return paramUsage(Callee->getParamDecl(Index)->getType(), Callee);
  }

  std::optional<AccessKind> paramUsage(QualType Param, const FunctionDecl *Callee) const {
    if (Param->isLValueReferenceType() && !Param.getNonReferenceType().isConstQualified())
      return Explorable.isExplorable(Callee) ? AccessKind::Read : AccessKind::Write;
    if (Param->isRValueReferenceType())
      return AccessKind::Write;
    return AccessKind::Read;
  }

  void record(const Expr *E, const AccessLocation &Loc) {
    int64_t Element = -1;
    bool RefParam = Loc.Pointee && Loc.Var && Loc.Var->getType()->isReferenceType();
    std::optional<AccessKind> Kind =
        Loc.Pointee && isa<DeclRefExpr>(E) && !RefParam ? bufferUsage(Stack.size() - 1)
        : Loc.Element < 0                  ? usage(Loc.Var ? &Element : nullptr)
                                           : usage();
    if (!Kind)
      return;
    RawAccess R;
    R.A.Loc = Loc;
    if (Element >= 0)
      R.A.Loc.Element = Element;
    R.A.Kind = *Kind;
    R.A.Site = E;
    R.A.In = F;
    R.A.Root = SA.pathRootOf(E, F, /*Top=*/true);
    R.A.ParamObject = RefParam;
    R.A.LentByReference = *Kind == AccessKind::Read && lentByReference();
    R.Ancestors.assign(Stack.begin(), Stack.end());
    if (const Lockset *Held = Locks.heldAround(Stack))
      R.A.Held = *Held;
    else if (Locks.hasCFG())
      return; // unreachable code
    R.A.Claimed = takeClaims(R.A.Held);
    R.A.Conditions = SA.Model.analysis<GlobalConditions>().around(F, Stack);
    R.A.Modes = SA.Model.analysis<ObjectModes>().around(F, Stack);
    if (const VarDecl *Once = SA.initializingStatic(F, E))
      R.A.Claimed.push_back(Once);
    if (*Kind != AccessKind::Read)
      for (auto It = Checks.rbegin(); It != Checks.rend() && !R.A.CheckedAt; ++It)
        for (const auto &[ReadLoc, ReadSite] : It->Reads)
          if (ReadLoc == Loc) {
            R.A.CheckedAt = ReadSite;
            break;
          }
    Accesses.push_back(std::move(R));
  }

  // The thread/future object a spawn is bound to, and joins.
  void noteSpawnOrJoin(const Expr *E) {
    const std::vector<SpawnSite> &All = SA.Spawns.all();
    if (const SpawnSite *S = SA.Spawns.at(E)) {
      unsigned Index = S - All.data();
      for (const Stmt *A : Stack)
        if (isLoop(A))
          SA.InLoop.insert(Index);
      noteEnclosingTests();
      bindSpawn(Index, *S);
      return;
    }
    const auto *CE = dyn_cast<CallExpr>(E);
    const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
    if (!Callee)
      return;
    const Expr *Joined = joinedThread(CE);
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE); MC && !Joined) {
      llvm::StringRef N = Callee->getDeclName().isIdentifier() ? Callee->getName() : "";
      const Expr *Obj = MC->getImplicitObjectArgument();
      if (!Obj)
        return;
      if (isFuture(classOfType(Obj->getType())) && (N == "get" || N == "wait")) {
        Joined = Obj;
      } else if (N == "wait" || N == "wait_all" || N == "wait_for_tasks" ||
                 N == "shutdown" || N == "join") {
        PoolWaits.insert(E);
        return;
      }
    }
    const ValueDecl *Target = Joined ? objectDecl(Joined, Stack) : nullptr;
    if (!Target)
      return;
    Joins[E].push_back(Target);
    noteEnclosingTests();
    // Joining the elements of a container in a loop joins them all once the
    // loop has run: apply it where the loop is entered and left, too.
    for (auto It = Stack.rbegin(); It != Stack.rend(); ++It)
      if (isLoop(*It)) {
        LoopJoins[*It].push_back(Target);
        break;
      }
  }

  void noteEnclosingTests() {
    for (const Stmt *A : Stack) {
      const Expr *Cond = branchConditionOf(A);
      if (Cond && !llvm::is_contained(SpawnOrJoinTests, Cond))
        SpawnOrJoinTests.push_back(Cond);
    }
  }

  void bindSpawn(unsigned Index, const SpawnSite &S) {
    // A thread class whose constructor starts the thread: the spawn is
    // bound to the object constructed, as a std::thread's is.
    bool Constructed = isa_and_nonnull<CXXConstructorDecl>(S.Wrapper);
    if (S.Kind == SpawnKind::PThread && !Constructed) {
      if (S.Handle)
        Binding[Index] = objectDecl(S.Handle, Stack);
      return;
    }
    // `threads.emplace_back(f, args)` spawns inside the container.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S.Site);
        MC && S.Kind != SpawnKind::PoolSubmit && S.Kind != SpawnKind::Async) {
      Binding[Index] = objectDecl(MC->getImplicitObjectArgument(), {});
      return;
    }
    const Stmt *Child = S.Site;
    for (size_t I = Stack.size() - 1; I-- > 0;) {
      const Stmt *P = Stack[I];
      if (isWrapper(P)) {
        Child = P;
        continue;
      }
      if (const auto *DS = dyn_cast<DeclStmt>(P)) {
        // `std::thread a(f), b(g);`: the declaration this spawn initialises.
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D);
              V && V->getInit() && V->getInit()->IgnoreImplicit() == cast<Expr>(Child)->IgnoreImplicit())
            Binding[Index] = V;
      } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P);
                 OC && OC->getOperator() == OO_Equal && OC->getNumArgs() == 2) {
        // `for (std::thread &t : pool) t = std::thread(f);` fills the container.
        Binding[Index] = objectDecl(OC->getArg(0), Stack);
      } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(P)) {
        Binding[Index] = objectDecl(MC->getImplicitObjectArgument(), {});
      } else if (isa<ReturnStmt>(P)) {
        // Returned to the caller: keeps running there.
        SA.Returned.insert(Index);
      } else if (S.Kind == SpawnKind::Async) {
        Immediate.insert(Index); // the temporary future waits at once
      }
      return;
    }
    if (S.Kind == SpawnKind::Async)
      Immediate.insert(Index);
  }

  SharedAccesses &SA;
  const FunctionDecl *F;
  const FunctionLocks &Locks;
  const LockCatalog &Catalog;
  CallGraph &Explorable;
  llvm::SmallVector<const Stmt *, 32> Stack;
  std::vector<CheckFrame> Checks;
};

SharedAccesses::SharedAccesses(ConcurrencyModel &Model)
    : Model(Model), Spawns(Model.analysis<SpawnSites>()), Locks(Model.analysis<Locksets>()) {
  // Locals shared with a spawned thread: captured by reference, or passed
  // by std::ref or by address.
  const std::vector<SpawnSite> &All = Spawns.all();
  for (unsigned Index = 0; Index < All.size(); ++Index) {
    const SpawnSite &S = All[Index];
    auto Share = [&](const VarDecl *V, SourceLocation At, bool ByAddress) {
      SharedLocals.insert(V);
      SharedLocalsBySpawn[Index].push_back({V, At, ByAddress});
    };
    if (S.Lambda)
      for (const LambdaCapture &C : S.Lambda->captures()) {
        const auto *V = C.capturesVariable() ? dyn_cast<VarDecl>(C.getCapturedVar()) : nullptr;
        if (!V || !V->hasLocalStorage())
          continue;
        if (C.getCaptureKind() == LCK_ByRef)
          Share(V, C.getLocation(), false);
        else if (V->getType()->isPointerType())
          SharedPointers.insert(V); // a copy of the pointer, the same object
      }
    for (const Expr *Arg : S.Args) {
      const Expr *E = ignoreValueWrappers(Arg);
      bool ByAddress = false;
      if (const auto *CE = dyn_cast<CallExpr>(E);
          CE && CE->getNumArgs() == 1 && CE->getDirectCallee() &&
          (genericName(CE->getDirectCallee()) == "std::ref"))
        E = ignoreValueWrappers(CE->getArg(0));
      else if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
        E = ignoreValueWrappers(U->getSubExpr()), ByAddress = true;
      const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
      const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      if (!V)
        continue;
      if (E == ignoreValueWrappers(Arg)) { // passed by value
        if (V->hasLocalStorage() && V->getType()->isPointerType())
          SharedPointers.insert(V);
        continue;
      }
      if (ByAddress && V->getTLSKind() != VarDecl::TLS_None)
        EscapedThreadLocals.insert(V);
      if (V->hasLocalStorage())
        Share(V, Arg->getBeginLoc(), ByAddress);
    }
  }
}

llvm::ArrayRef<SharedLocalUse> SharedAccesses::sharedLocalsOf(unsigned Index) const {
  auto It = SharedLocalsBySpawn.find(Index);
  return It == SharedLocalsBySpawn.end() ? llvm::ArrayRef<SharedLocalUse>() : It->second;
}

const ValueDecl *SharedAccesses::boundObject(unsigned Index) {
  of(Spawns.all()[Index].Spawner);
  return BoundTo.lookup(Index);
}

bool SharedAccesses::spawnReturned(unsigned Index) {
  of(Spawns.all()[Index].Spawner);
  return Returned.contains(Index);
}

const Stmt *SharedAccesses::abandonedAt(unsigned Index) {
  of(Spawns.all()[Index].Spawner);
  return Abandoned.lookup(Index);
}

const FunctionAccesses &SharedAccesses::of(const FunctionDecl *F) {
  static const FunctionAccesses Empty;
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def) || !Model.callGraph().isExplorable(Def))
    return Empty;
  if (auto It = Facts.find(Def); It != Facts.end())
    return *It->second;
  if (!InProgress.insert(Def).second)
    return Empty; // recursion: cut
  auto Fresh = std::make_unique<FunctionAccesses>();
  compute(Def, *Fresh);
  InProgress.erase(Def);
  auto &Slot = Facts[Def];
  Slot = std::move(Fresh);
  return *Slot;
}

namespace {

/// The spawns that may run at a point, each with what the path assumed of
/// the function's invariant tests and flags when it started (Dataflow.h):
/// a branch that contradicts a spawn's assumptions is not one its path
/// takes. `if (threaded) start(); ... if (threaded) join();` leaves nothing
/// running, and so does `threaded = false; joined = true; join();` on the
/// way to `if (threaded || joined) join_rest();`. Paths that assumed
/// different things keep their own entry (a few per spawn), or the
/// correlation would be lost where they meet.
struct RunningSpawns {
  /// Whether every assumption of \p Weak is in \p Strong: a path that
  /// assumed Weak covers one that assumed Strong.
  static bool covers(const Assumptions &Weak, const Assumptions &Strong) {
    return llvm::all_of(Weak, [&](const Assumption &A) { return llvm::is_contained(Strong, A); });
  }
  struct Entry {
    unsigned Spawn;
    Assumptions Under;
    bool operator==(const Entry &O) const {
      return Spawn == O.Spawn && Under.size() == O.Under.size() && covers(Under, O.Under);
    }
  };
  static constexpr unsigned MaxPathsPerSpawn = 4;
  llvm::SmallVector<Entry, 2> Entries; ///< by spawn index
  Assumptions Assumed;                 ///< what every path here assumed

  void add(unsigned I, Assumptions What) {
    while (true) {
      auto First = llvm::partition_point(Entries, [&](const Entry &E) { return E.Spawn < I; });
      auto Last = std::find_if(First, Entries.end(), [&](const Entry &E) { return E.Spawn != I; });
      bool Merged = false;
      for (auto It = First; It != Last; ++It) {
        if (covers(It->Under, What))
          return; // a path that assumed less is there already
        if (covers(What, It->Under) || differInOneTest(It->Under, What)) {
          // `A && k` or `A && !k` with `A`: A covers both.
          if (!covers(What, It->Under))
            llvm::erase_if(What, [&](const Assumption &X) { return !llvm::is_contained(It->Under, X); });
          Entries.erase(It);
          Merged = true;
          break;
        }
      }
      if (Merged)
        continue; // the merged entry may merge again
      if (unsigned(Last - First) >= MaxPathsPerSpawn) {
        keepCommon(First->Under, What); // too many paths: forget what they disagree on
        return;
      }
      Entries.insert(Last, Entry{I, std::move(What)});
      return;
    }
  }
  /// Whether \p A and \p B assume the same but for one test, which they
  /// assume the other way.
  static bool differInOneTest(const Assumptions &A, const Assumptions &B) {
    if (A.size() != B.size())
      return false;
    unsigned Differ = 0;
    for (const Assumption &X : A) {
      if (llvm::is_contained(B, X))
        continue;
      if (!contradicts(B, X.Key, X.Truthy) || ++Differ > 1)
        return false;
    }
    return Differ == 1;
  }
  /// Entries made equal or mergeable by a change to what they assume.
  void normalize() {
    llvm::SmallVector<Entry, 2> Old;
    Old.swap(Entries);
    for (Entry &E : Old)
      add(E.Spawn, std::move(E.Under));
  }
  SpawnSet set() const {
    SpawnSet Out;
    for (const Entry &E : Entries)
      if (Out.empty() || Out.back() != E.Spawn)
        Out.push_back(E.Spawn);
    return Out;
  }
  template <typename Pred> void eraseIf(Pred P) {
    llvm::erase_if(Entries, [&](Entry &E) { return P(E.Spawn, E.Under); });
  }
  void join(const RunningSpawns &From) {
    keepCommon(Assumed, From.Assumed);
    for (const Entry &E : From.Entries)
      add(E.Spawn, E.Under);
  }
  bool operator==(const RunningSpawns &O) const {
    return Entries == O.Entries && Assumed == O.Assumed;
  }
};

/// The keys of \p Tests (the conditions that enclose a spawn or a join),
/// each operand of `&&` and `||` a test of its own.
llvm::DenseSet<unsigned> decidingKeys(llvm::ArrayRef<const Expr *> Tests,
                                      InvariantConditions &Inv) {
  llvm::DenseSet<unsigned> Out;
  llvm::SmallVector<const Expr *, 8> Work(Tests.begin(), Tests.end());
  while (!Work.empty()) {
    BranchTest T = testOf(Work.pop_back_val());
    if (const auto *BO = dyn_cast<BinaryOperator>(T.Tested); BO && BO->isLogicalOp()) {
      Work.push_back(BO->getLHS());
      Work.push_back(BO->getRHS());
    } else if (unsigned Key = Inv.keyOf(T.Tested)) {
      Out.insert(Key);
    }
  }
  return Out;
}

} // namespace

SharedAccesses::RunningIndex
SharedAccesses::runningSpawns(const FunctionDecl *Def, AccessCollector &Collector,
                              const llvm::DenseMap<const Expr *, const FunctionDecl *> &Callees,
                              FunctionAccesses &Out) {
  const std::vector<SpawnSite> &All = Spawns.all();
  // Which spawns run before each element: a may-analysis (paths meet by
  // union) over the CFG, from spawn to join.
  llvm::DenseMap<const Stmt *, unsigned> SpawnAt;
  for (const SpawnSite *S : Spawns.in(Def)) {
    unsigned Index = S - All.data();
    if (S->Policy == LaunchPolicy::Deferred || Collector.Immediate.contains(Index))
      continue;
    SpawnAt[S->Site] = Index;
  }
  auto Kill = [&](RunningSpawns &Running, const ValueDecl *D) {
    Running.eraseIf([&](unsigned I, const Assumptions &) {
      auto It = Collector.Binding.find(I);
      return It != Collector.Binding.end() && It->second == D;
    });
  };
  // Correlated tests only matter where this function starts threads, and
  // only those that decide whether a spawn or a join runs (with `a || b`,
  // each operand is a test of its own block).
  std::optional<InvariantConditions> Inv;
  llvm::DenseSet<unsigned> Deciding;
  if (!SpawnAt.empty()) {
    Inv.emplace(*Def, &Model.analysis<CallWrites>());
    Deciding = decidingKeys(Collector.SpawnOrJoinTests, *Inv);
  }
  auto DecidingOf = [&](const Assumptions &A) {
    Assumptions Out;
    for (const Assumption &X : A)
      if (Deciding.contains(X.Key))
        Out.push_back(X);
    return Out;
  };
  auto Transfer = [&](RunningSpawns &Running, const CFGElement &E) {
    if (auto D = E.getAs<CFGAutomaticObjDtor>()) {
      Kill(Running, D->getVarDecl()); // jthread, std::async future
      return;
    }
    auto CS = E.getAs<CFGStmt>();
    if (!CS)
      return;
    const Stmt *S = CS->getStmt();
    if (Inv) {
      if (std::optional<Assumption> Stored = Inv->assignedFlag(S)) {
        reassign(Running.Assumed, *Stored);
        if (Deciding.contains(Stored->Key)) {
          for (RunningSpawns::Entry &E : Running.Entries)
            reassign(E.Under, *Stored);
          Running.normalize();
        }
      } else {
        llvm::SmallVector<unsigned, 2> Lost = Inv->overwritten(S);
        for (unsigned Key : Lost) {
          forget(Running.Assumed, Key);
          for (RunningSpawns::Entry &E : Running.Entries)
            forget(E.Under, Key);
        }
        if (!Lost.empty() && !Running.Entries.empty())
          Running.normalize();
      }
    }
    if (auto It = SpawnAt.find(S); It != SpawnAt.end()) {
      RunningAtSpawn[It->second] = Running.set();
      Running.add(It->second, DecidingOf(Running.Assumed));
      return;
    }
    if (auto It = Collector.Joins.find(S); It != Collector.Joins.end()) {
      for (const ValueDecl *D : It->second) {
        Kill(Running, D);
        // Threads stored in a field by another function of the class.
        if (isa<FieldDecl>(D))
          Running.eraseIf(
              [&](unsigned I, const Assumptions &) { return All[I].Spawner != Def; });
      }
      return;
    }
    if (Collector.PoolWaits.contains(S)) {
      Running.eraseIf([&](unsigned I, const Assumptions &) {
        return All[I].Kind == SpawnKind::PoolSubmit;
      });
      return;
    }
    if (const auto *Ex = dyn_cast<Expr>(S))
      if (const FunctionDecl *Callee = Callees.lookup(Ex))
        for (unsigned I : of(Callee).Escaping)
          Running.add(I, DecidingOf(Running.Assumed));
  };
  auto Edge = [&](RunningSpawns &Running, const CFGBlock &From, unsigned SuccIndex) {
    if (Inv) {
      if (!assumeAlong(Running.Assumed, *Inv, From, SuccIndex))
        return false;
      std::optional<BranchTest> Test = branchTest(From);
      if (Test && Deciding.contains(Inv->keyOf(Test->Tested)))
        Running.eraseIf([&](unsigned, Assumptions &A) {
          return !assumeAlong(A, *Inv, From, SuccIndex);
        });
    }
    if (const Stmt *T = From.getTerminatorStmt())
      if (auto It = Collector.LoopJoins.find(T); It != Collector.LoopJoins.end())
        for (const ValueDecl *D : It->second)
          Kill(Running, D);
    return true;
  };
  auto Join = [](RunningSpawns &Into, const RunningSpawns &From) { Into.join(From); };

  for (const auto &[Index, Object] : Collector.Binding)
    if (Object)
      BoundTo[Index] = Object;

  RunningIndex Result;
  const CFG *G = Model.cfg(Def);
  if (!G)
    return Result;
  auto In = solveForward<RunningSpawns>(*G, RunningSpawns{}, Transfer, Edge, Join);
  for (const CFGBlock *B : *G) {
    const auto &Start = In[B->getBlockID()];
    if (!Start)
      continue;
    RunningSpawns Running = *Start;
    for (const CFGElement &E : *B) {
      if (auto D = E.getAs<CFGAutomaticObjDtor>())
        for (unsigned I : Running.set())
          if (Collector.Binding.lookup(I) == D->getVarDecl() &&
              !destructorWaits(D->getVarDecl()->getType(), All[I]) && !Abandoned.count(I))
            Abandoned[I] = D->getTriggerStmt();
      if (auto CS = E.getAs<CFGStmt>()) {
        SpawnSet Now = Running.set();
        if (Result.Interned.empty() || Result.Interned.back() != Now)
          Result.Interned.push_back(std::move(Now));
        Result.Index[CS->getStmt()] = Result.Interned.size() - 1;
      }
      Transfer(Running, E);
    }
  }
  if (const auto &Exit = In[G->getExit().getBlockID()])
    Out.Escaping = Exit->set();
  return Result;
}

SpawnSet SharedAccesses::RunningIndex::at(const Stmt *S) const {
  auto R = Index.find(S);
  return R == Index.end() ? SpawnSet() : Interned[R->second];
}

SpawnSet SharedAccesses::RunningIndex::around(llvm::ArrayRef<const Stmt *> Ancestors) const {
  for (auto It = Ancestors.rbegin(); It != Ancestors.rend(); ++It)
    if (auto R = Index.find(*It); R != Index.end())
      return Interned[R->second];
  return {};
}

void SharedAccesses::compute(const FunctionDecl *Def, FunctionAccesses &Out) {
  AnalysisStats::Timer Time(AnalysisStats::Section::Analysis, "SharedAccesses");
  const FunctionLocks &FL = Locks.of(Def);
  AccessCollector Collector(*this, Def, FL);
  Collector.run();

  // A member of a type that synchronises by itself (a future, the runtime's
  // pool) orders its own state: its internals are not the caller's races.
  auto IsSynchronizingMember = [&](const FunctionDecl *Callee) {
    const auto *M = dyn_cast<CXXMethodDecl>(Callee);
    return M && Locks.catalog().isSynchronizing(
                    M->getASTContext().getCanonicalTagType(M->getParent()));
  };
  llvm::DenseMap<const Expr *, const FunctionDecl *> Callees;
  for (const CallSite &C : Model.callGraph().callsIn(Def))
    if (!Spawns.at(C.Call) && Model.callGraph().isExplorable(C.Callee) &&
        !C.Callee->isDefaulted() && // see methodUsage()
        !IsSynchronizingMember(C.Callee))
      Callees[C.Call] = C.Callee;
  RunningIndex Running = runningSpawns(Def, Collector, Callees, Out);

  // One access per site, lock and root: two paths to one site that differ
  // only in the member object they go through (Loc.Via) keep the first.
  llvm::DenseSet<uint64_t> Seen;
  constexpr size_t MaxAccesses = 512;
  auto Add = [&](Access A, const SpawnSet &Running) {
    uint64_t Key = llvm::hash_combine(
        A.Loc.Var, A.Loc.Field, int(A.Kind), A.Site, A.Held.size(),
        A.Held.empty() ? nullptr : A.Held[0].Id.Decl, A.Claimed.empty() ? nullptr : A.Claimed[0],
        A.Root.AtThis, A.Root.Param, A.Root.ThroughArgument, A.ParamObject,
        A.Conditions.size(), A.Conditions.empty() ? nullptr : A.Conditions[0].Var,
        A.Modes.size());
    if (!Seen.insert(Key).second)
      return;
    if (Out.All.size() >= MaxAccesses)
      return AnalysisStats::noteCutShort(*Def, "SharedAccesses",
                                         "at most " + std::to_string(MaxAccesses) +
                                             " accesses kept per function");
    if (!Running.empty() && !A.ParamObject) // see Access::ParamObject
      Out.WhileRunning.push_back({A, Running});
    Out.All.push_back(std::move(A));
  };
  for (AccessCollector::RawAccess &R : Collector.Accesses)
    Add(R.A, Running.around(R.Ancestors));

  liftCallees(
      Def, FL, Callees, [&](const Stmt *S) { return Running.at(S); }, Add, Out);
}

void SharedAccesses::liftCallees(
    const FunctionDecl *Def, const FunctionLocks &FL,
    const llvm::DenseMap<const Expr *, const FunctionDecl *> &Callees,
    llvm::function_ref<SpawnSet(const Stmt *)> RunningAt,
    llvm::function_ref<void(Access, const SpawnSet &)> Add, FunctionAccesses &Out) {
  // Callees' accesses, under the locks held at the call.
  for (const CallSite &C : Model.callGraph().callsIn(Def)) {
    const FunctionDecl *Callee = Callees.lookup(C.Call);
    if (!Callee)
      continue;
    const Lockset *Held = FL.hasCFG() ? FL.heldBefore(C.Call) : &FL.entry();
    if (!Held)
      continue; // unreachable call
    // A crash handler's work on the way to abort() races with nothing the
    // process lives to see.
    if (Model.analysis<Termination>().onWayOut(Def, C.Call))
      continue;
    Lockset HeldHere = *Held;
    Claims ClaimedHere = takeClaims(HeldHere);
    if (const VarDecl *Once = initializingStatic(Def, C.Call))
      ClaimedHere.push_back(Once);
    SpawnSet Running = RunningAt(C.Call);
    GlobalConditions &Conditions = Model.analysis<GlobalConditions>();
    const FunctionAccesses &Sub = of(Callee);
    // A constructor (or destructor) that calls a member function on the
    // object it is building, or on a member object of it (`buf_.Reset()`),
    // owns that object: what the callee does to it through `this` touches
    // no shared state yet.
    const Expr *On = objectArgument(C.Call);
    bool OwnObject = (isa<CXXConstructorDecl>(Def) || isa<CXXDestructorDecl>(Def)) && On &&
                     partOfThis(On);
    llvm::SmallVector<const Expr *, 4> Args = CallGraph::argumentsOf(C.Call);
    const ModeFacts &ModesHere = Model.analysis<ObjectModes>().around(Def, {C.Call});
    bool OnThis = On && isa<CXXThisExpr>(ignoreValueWrappers(On));
    for (const Access &A : Sub.All) {
      if (OwnObject && throughThisOnly(A))
        continue;
      std::optional<ValueFacts> Facts = Conditions.atCall(Def, C.Call, Callee, A.Conditions);
      if (!Facts)
        continue; // never reached from here
      Access Lifted = A;
      if (!bindToCaller(Lifted, Def, C, Args))
        continue;
      Lifted.Conditions = std::move(*Facts);
      // The caller's modes hold for its object; the callee's only when it
      // runs on that same object.
      Lifted.Modes = ModesHere;
      if (OnThis && compatibleModes(ModesHere, A.Modes))
        for (const ModeFact &M : A.Modes)
          if (!llvm::is_contained(Lifted.Modes, M))
            Lifted.Modes.push_back(M);
      Lifted.Held = unionOf(HeldHere, locksThroughArguments(A.Held, Callee, Args));
      Lifted.Claimed = unionOf(ClaimedHere, A.Claimed);
      Lifted.Chain.insert(Lifted.Chain.begin(), &C);
      Add(std::move(Lifted), Running);
    }
    for (const AccessWhileRunning &W : Sub.WhileRunning) {
      if (OwnObject && throughThisOnly(W.A))
        continue;
      std::optional<AccessLocation> Loc = throughArguments(W.A.Loc, Callee, Args);
      std::optional<ValueFacts> Facts = Conditions.atCall(Def, C.Call, Callee, W.A.Conditions);
      if (!Loc || !Facts)
        continue;
      AccessWhileRunning Lifted = W;
      Lifted.A.Loc = *Loc;
      Lifted.A.Conditions = std::move(*Facts);
      Lifted.A.Held = unionOf(HeldHere, locksThroughArguments(W.A.Held, Callee, Args));
      Lifted.A.Claimed = unionOf(ClaimedHere, W.A.Claimed);
      Lifted.A.Chain.insert(Lifted.A.Chain.begin(), &C);
      Out.WhileRunning.push_back(std::move(Lifted));
    }
  }
}

std::optional<AccessLocation>
SharedAccesses::throughArguments(const AccessLocation &L, const FunctionDecl *Callee,
                                 llvm::ArrayRef<const Expr *> Args) const {
  const auto *Param = dyn_cast_or_null<ParmVarDecl>(L.Var);
  const auto *Owner = Param ? dyn_cast<FunctionDecl>(Param->getDeclContext()) : nullptr;
  if (!L.Pointee || !Owner || !Callee ||
      Owner->getCanonicalDecl() != Callee->getCanonicalDecl())
    return L;
  // What a reference parameter refers to is only bound by bindToCaller.
  if (Param->getType()->isReferenceType())
    return std::nullopt;
  const Expr *Arg = CallGraph::argumentFor(Param, Callee, Args);
  if (!Arg)
    return std::nullopt;
  Arg = ignoreValueWrappers(Arg)->IgnoreParenCasts();
  auto SharedVariable = [&](const VarDecl *V) {
    return V && (V->hasGlobalStorage() || SharedLocals.contains(V)) &&
           (V->getTLSKind() == VarDecl::TLS_None || EscapedThreadLocals.contains(V));
  };
  const VarDecl *V = nullptr;
  bool ByAddress = false;
  if (const auto *U = dyn_cast<UnaryOperator>(Arg); U && U->getOpcode() == UO_AddrOf) {
    Arg = U->getSubExpr()->IgnoreParenImpCasts();
    ByAddress = true;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Arg))
    V = dyn_cast<VarDecl>(DRE->getDecl());
  if (!V)
    return std::nullopt;
  AccessLocation Out{V, nullptr, L.Element};
  if (ByAddress) { // `&total`: the variable itself (element 0 of it)
    if (L.Element > 0 || !SharedVariable(V))
      return std::nullopt;
    Out.Element = -1;
    return Out;
  }
  if (V->getType()->isArrayType() && SharedVariable(V))
    return Out;
  if (V->getType()->isPointerType() && (isa<ParmVarDecl>(V) || SharedPointers.contains(V))) {
    Out.Pointee = true;
    return Out;
  }
  return std::nullopt;
}

Lockset SharedAccesses::locksThroughArguments(const Lockset &Held, const FunctionDecl *Callee,
                                              llvm::ArrayRef<const Expr *> Args) const {
  Lockset Out = Held;
  for (HeldLock &H : Out)
    if (const Expr *Arg = CallGraph::argumentFor(H.Id.Decl, Callee, Args))
      if (const ValueDecl *Object = CallGraph::argumentObject(Arg))
        H.Id.Decl = Object;
  return Out;
}

bool SharedAccesses::pathPassesThrough(QualType T) {
  if (T.isNull())
    return false;
  // A const member object cannot change; a pointer or reference member's
  // object can, whatever the member's own constness.
  if (T->isPointerType())
    T = T->getPointeeType();
  else if (T->isReferenceType())
    T = T.getNonReferenceType();
  else if (T.isConstQualified())
    return false;
  // An object that synchronises itself guards its own state.
  return !Locks.catalog().isSynchronizing(T) && !classSynchronizes(T->getAsRecordDecl());
}

PathRoot SharedAccesses::pathRootOf(const Expr *E, const FunctionDecl *F, bool Top) {
  for (;; Top = false) {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
      if (!FD || (!Top && !pathPassesThrough(FD->getType())))
        return {};
      E = ME->getBase();
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
               MC && ownMemberAccessor(MC->getMethodDecl(), Model.analysis<PointerStores>())) {
      // `sub->Current()` returning one of `*sub`'s member objects.
      if (!Top && !pathPassesThrough(MC->getType()))
        return {};
      E = MC->getImplicitObjectArgument();
    } else if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref) {
      E = U->getSubExpr();
    } else {
      break;
    }
  }
  PathRoot Root;
  if (isa<CXXThisExpr>(E)) {
    Root.AtThis = true;
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl());
    if (P && isParamOf(P, F) && (P->getType()->isPointerType() || P->getType()->isReferenceType()))
      Root.Param = P;
  }
  return Root;
}

SharedAccesses::BoundArgument SharedAccesses::boundArgument(const Expr *Arg, bool PointerParam,
                                                            const FunctionDecl *Caller) {
  BoundArgument B;
  if (!Arg)
    return B;
  // An object (`x`, `*q`, `&x` for a pointer) or a pointer value (`q`,
  // `this`, `x.p`).
  const Expr *E = ignoreMoveOrForward(Arg);
  bool IsPointer = PointerParam;
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && IsPointer && U->getOpcode() == UO_AddrOf)
    E = ignoreValueWrappers(U->getSubExpr()), IsPointer = false;
  else if (U && !IsPointer && U->getOpcode() == UO_Deref)
    E = ignoreValueWrappers(U->getSubExpr()), IsPointer = true;
  if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !IsPointer) {
    // The field the object is, when it may be raced on as a whole.
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    QualType T = FD ? FD->getType() : QualType();
    if (!FD || T->isReferenceType() || T.isConstQualified() ||
        Locks.catalog().isSynchronizing(T))
      return {};
    B.Field = FD;
  }
  B.Root = pathRootOf(E, Caller, /*Top=*/false);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E); DRE && B.Root.Param == DRE->getDecl())
    B.Whole = B.Root.Param;
  B.Root.ThroughArgument = B.Root.AtThis;
  return B;
}

void SharedAccesses::noteMemberObject(AccessLocation &Loc, const Expr *On) {
  // The innermost member object counts: `a.b.c.set()` runs on `c`.
  if (!Loc.Field || Loc.Var || Loc.Via)
    return;
  const auto *ME = dyn_cast<MemberExpr>(ignoreValueWrappers(On));
  const auto *Member = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (Member && Member->getType()->isRecordType() && !Member->getParent()->isUnion())
    Loc.Via = Member;
}

bool SharedAccesses::bindToCaller(Access &A, const FunctionDecl *Caller, const CallSite &C,
                                  llvm::ArrayRef<const Expr *> Args) {
  const FunctionDecl *Callee = C.Callee;
  PathRoot Was = A.Root;
  A.Root = {};
  // A path from `this` stays one when the call is on `this`; a call on
  // what a parameter refers to (`out = s`, `out->set(3)`) roots it there.
  if (Was.AtThis)
    if (const Expr *On = objectArgument(C.Call)) {
      if (isa<CXXThisExpr>(ignoreValueWrappers(On)))
        A.Root = Was;
      else if (PathRoot Object = pathRootOf(On, Caller, /*Top=*/false); Object.Param)
        A.Root = Object;
      else if (Object.AtThis && partOfThis(On)) {
        A.Root = Object;
        A.Root.ThroughMemberCall = true;
      }
      noteMemberObject(A.Loc, On);
    }
  const ParmVarDecl *P = isParamOf(Was.Param, Callee) ? Was.Param : nullptr;
  const Expr *Arg = P ? CallGraph::argumentFor(P, Callee, Args) : nullptr;
  bool Whole = P && A.Loc.Var == P && A.Loc.Pointee; // `f++`, `(*v)++`
  if (!Whole || P->getType()->isPointerType()) {
    // As the other checks see it; then rooted where the argument is.
    if (std::optional<AccessLocation> Loc = throughArguments(A.Loc, Callee, Args)) {
      A.Loc = *Loc;
      if (P) {
        A.Root = boundArgument(Arg, P->getType()->isPointerType(), Caller).Root;
        // `check(&rep->status)`: what the parameter points to is a member.
        const Expr *Object = Arg ? ignoreValueWrappers(Arg) : nullptr;
        if (const auto *Addr = dyn_cast_or_null<UnaryOperator>(Object);
            Addr && Addr->getOpcode() == UO_AddrOf && P->getType()->isPointerType())
          noteMemberObject(A.Loc, Addr->getSubExpr());
        else if (Object && P->getType()->isReferenceType())
          noteMemberObject(A.Loc, Object);
      }
      return true;
    }
    if (!Whole)
      return false;
  }
  // What the parameter refers to, named by the argument: a field on a
  // path from `this` or from the caller's parameter, or that parameter.
  BoundArgument B = boundArgument(Arg, P->getType()->isPointerType(), Caller);
  if (A.Loc.Element >= 0 || (!B.Root.AtThis && !B.Root.Param))
    return false;
  if (B.Field) {
    A.Loc = AccessLocation{nullptr, B.Field};
  } else if (B.Whole) {
    A.Loc = AccessLocation{B.Whole, nullptr};
    A.Loc.Pointee = true;
  } else {
    return false;
  }
  A.Root = B.Root;
  A.ParamObject = true;
  return true;
}

llvm::ArrayRef<const Expr *> SharedAccesses::spawnArguments(unsigned Spawn,
                                                            const FunctionDecl *Entry) const {
  llvm::ArrayRef<const Expr *> Args = Spawns.all()[Spawn].Args;
  // A member function started through a member pointer takes its object
  // first (`std::thread(&Worker::run, &w, n)`).
  if (const auto *M = dyn_cast<CXXMethodDecl>(Entry);
      M && !M->isStatic() && M->getOverloadedOperator() != OO_Call && !Args.empty())
    Args = Args.drop_front();
  return Args;
}

const std::vector<Access> &SharedAccesses::ofThread(unsigned Spawn, const FunctionDecl *Entry) {
  auto Key = std::make_pair(Spawn, Entry);
  if (auto It = ThreadViews.find(Key); It != ThreadViews.end())
    return It->second;
  llvm::ArrayRef<const Expr *> Args = spawnArguments(Spawn, Entry);
  std::vector<Access> Out;
  for (const Access &A : of(Entry).All) {
    if (A.ParamObject) // see Access::ParamObject
      continue;
    if (A.Root.Param && !A.Loc.Var && ownArgumentOfEachThread(Spawn, Entry, A.Root.Param))
      continue;
    // A path the thread's start arguments rule out (GlobalConditions.h).
    if (!throughCall(A.Conditions, Entry, Args))
      continue;
    if (std::optional<AccessLocation> Loc = throughArguments(A.Loc, Entry, Args)) {
      Out.push_back(A);
      Out.back().Loc = *Loc;
      Out.back().Held = locksThroughArguments(A.Held, Entry, Args);
    }
  }
  return ThreadViews[Key] = std::move(Out);
}

bool SharedAccesses::ownArgumentOfEachThread(unsigned Spawn, const FunctionDecl *Entry,
                                             const ParmVarDecl *P) {
  bool ByReference = P->getType()->isReferenceType();
  // The parameter is the definition's; the entry may be another declaration.
  const auto *Owner = dyn_cast<FunctionDecl>(P->getDeclContext());
  if (!(P->getType()->isPointerType() || ByReference) || !Owner ||
      Owner->getCanonicalDecl() != Entry->getCanonicalDecl())
    return false;
  const Expr *Arg = CallGraph::argumentFor(P, Entry, spawnArguments(Spawn, Entry));
  if (!Arg)
    return false;
  Arg = ignoreValueWrappers(Arg)->IgnoreParenCasts();
  const Expr *Object = nullptr;
  if (ByReference) {
    // A thread copies its arguments: a reference parameter binds to what a
    // std::ref / std::cref wrapper names.
    Object = referenceWrapped(Arg);
  } else if (isa<CXXNewExpr>(Arg)) {
    return true;
  } else if (const auto *Addr = dyn_cast<UnaryOperator>(Arg); Addr && Addr->getOpcode() == UO_AddrOf) {
    Object = Addr->getSubExpr();
  }
  if (!Object)
    return false;
  // A member of the element (`parts[i].status`) is the element's own.
  Object = Object->IgnoreParenImpCasts();
  for (const auto *ME = dyn_cast<MemberExpr>(Object); ME && !ME->isArrow();
       ME = dyn_cast<MemberExpr>(Object))
    Object = ME->getBase()->IgnoreParenImpCasts();
  // The variable that names the element: the subscript's index, or the
  // range-for's element itself.
  const Expr *Index = nullptr;
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Object))
    Index = AS->getIdx();
  else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Object);
           OC && OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2)
    Index = OC->getArg(1);
  else
    Index = Object;
  const auto *Ref = dyn_cast<DeclRefExpr>(Index->IgnoreParenImpCasts());
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage())
    return false;
  // V must be a loop's own variable, of a loop around the spawn: each
  // iteration starts one thread with another element.
  const SpawnSite &Site = Spawns.all()[Spawn];
  const BodyFacts &Body = Model.analysis<FunctionFacts>().of(Site.Spawner);
  for (const Stmt *At = Body.InnermostLoop.lookup(Site.Site); At;
       At = Body.InnermostLoop.lookup(At)) {
    if (const auto *For = dyn_cast<ForStmt>(At)) {
      const auto *Init = dyn_cast_or_null<DeclStmt>(For->getInit());
      if (Init && llvm::is_contained(Init->decls(), V))
        return Index != Object; // the index, not the counter itself
    } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(At)) {
      if (Range->getLoopVariable() == V)
        return Index == Object && V->getType()->isReferenceType();
    }
  }
  return false;
}

const VarDecl *SharedAccesses::initializingStatic(const FunctionDecl *F, const Stmt *S) {
  return Model.analysis<FunctionFacts>().of(F).InStaticInit.lookup(S);
}

bool SharedAccesses::concurrent(unsigned A, unsigned B) {
  const std::vector<SpawnSite> &All = Spawns.all();
  if (A == B) {
    // Started once per iteration: instances overlap unless each is joined
    // before the loop comes back to start the next.
    if (InLoop.contains(A)) {
      of(All[A].Spawner);
      auto It = RunningAtSpawn.find(A);
      return It == RunningAtSpawn.end() || llvm::binary_search(It->second, A);
    }
    // A spawn that outlives its spawner runs once per call of the spawner.
    const FunctionDecl *Spawner = All[A].Spawner;
    if (!llvm::is_contained(of(Spawner).Escaping, A))
      return false;
    functionsWithRunningSpawns(); // builds Callers
    unsigned Calls = 0;
    for (const FunctionDecl *C : Callers.lookup(Spawner))
      for (const CallSite &Site : Model.callGraph().callsIn(C))
        if (Site.Callee && Site.Callee->getCanonicalDecl() == Spawner->getCanonicalDecl())
          ++Calls;
    return Calls > 1;
  }
  of(All[A].Spawner);
  of(All[B].Spawner);
  // The sets are sorted SpawnSets: asked for every pair of spawns (the
  // summary's ConcurrentWith), a linear scan made that cubic.
  auto RunningAt = [&](unsigned Site, unsigned Other) {
    auto It = RunningAtSpawn.find(Site);
    return It != RunningAtSpawn.end() && llvm::binary_search(It->second, Other);
  };
  if (RunningAt(A, B) || RunningAt(B, A))
    return true;
  if (All[A].Spawner == All[B].Spawner)
    return false;
  // Spawns in different functions: concurrent unless both are joined
  // before their spawners return.
  return llvm::is_contained(of(All[A].Spawner).Escaping, A) ||
         llvm::is_contained(of(All[B].Spawner).Escaping, B);
}

std::vector<const FunctionDecl *> SharedAccesses::functionsWithRunningSpawns() {
  if (!CallersBuilt) {
    CallersBuilt = true;
    for (const FunctionDecl *F : Model.index().functions())
      for (const CallSite &C : Model.callGraph().callsIn(F))
        if (C.Callee && Model.callGraph().isExplorable(C.Callee)) {
          const FunctionDecl *Def = nullptr;
          C.Callee->hasBody(Def);
          auto &List = Callers[Def];
          if (!llvm::is_contained(List, F))
            List.push_back(F);
        }
  }
  std::vector<const FunctionDecl *> Out;
  llvm::DenseSet<const FunctionDecl *> Seen;
  std::vector<const FunctionDecl *> Work;
  for (const SpawnSite &S : Spawns.all())
    if (Seen.insert(S.Spawner).second)
      Work.push_back(S.Spawner);
  while (!Work.empty()) {
    const FunctionDecl *F = Work.back();
    Work.pop_back();
    Out.push_back(F);
    if (of(F).Escaping.empty())
      continue;
    for (const FunctionDecl *Caller : Callers.lookup(F))
      if (Seen.insert(Caller).second)
        Work.push_back(Caller);
  }
  llvm::sort(Out, [](const FunctionDecl *A, const FunctionDecl *B) {
    return A->getBeginLoc().getRawEncoding() < B->getBeginLoc().getRawEncoding();
  });
  return Out;
}

namespace {

/// The object a member call is made on (`w` in `w.run()`, `*this` in
/// `run()`), or null for a call that is not on an object.
const Expr *objectArgument(const Expr *Call) {
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(Call))
    return MC->getImplicitObjectArgument();
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(Call))
    if (isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee()) && Op->getNumArgs() > 0)
      return Op->getArg(0);
  return nullptr;
}

/// A variable holding the object itself (`w`, `&w`), or a range-for
/// element variable (`for (auto &w : ws)`).
const VarDecl *objectVariable(const Expr *E) {
  if (!E)
    return nullptr;
  E = ignoreValueWrappers(E);
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    E = ignoreValueWrappers(U->getSubExpr());
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || isa<ParmVarDecl>(V) || V->getType()->isPointerType() ||
      !V->getType().getNonReferenceType()->isRecordType())
    return nullptr;
  if (V->getType()->isReferenceType() && !V->isCXXForRangeDecl())
    return nullptr;
  return V;
}

} // namespace

const VarDecl *SharedAccesses::objectOf(const Access &A, int Spawn) const {
  const auto *ME = dyn_cast_or_null<MemberExpr>(A.Site);
  if (!A.Loc.Field || A.Loc.Var || !ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  // Up the chain while `this` is passed along as `this`.
  for (size_t I = A.Chain.size(); I-- > 0;) {
    const Expr *Object = objectArgument(A.Chain[I]->Call);
    if (!Object)
      return nullptr;
    if (!isa<CXXThisExpr>(ignoreValueWrappers(Object)))
      return objectVariable(Object);
  }
  // `this` of the root: a member function started on an object.
  if (Spawn < 0 || static_cast<size_t>(Spawn) >= Spawns.all().size())
    return nullptr;
  const SpawnSite &S = Spawns.all()[Spawn];
  bool MemberEntry = !S.Entries.empty() && llvm::all_of(S.Entries, [](const FunctionDecl *E) {
    const auto *M = dyn_cast<CXXMethodDecl>(E);
    return M && !M->isStatic() && !M->getParent()->isLambda();
  });
  if (!MemberEntry || S.Lambda || S.Args.empty())
    return nullptr;
  return objectVariable(S.Args.front());
}

namespace {

/// Whether an object expression names an object the model cannot identify:
/// a local pointer or reference (whatever a lookup returned), a call's
/// result, an array element. A parameter names the caller's object (two
/// may alias); a global or a local object is itself.
bool opaqueObject(const Expr *E, PointerStores &Stores) {
  E = ignoreValueWrappers(E);
  while (true) {
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf))
      E = ignoreValueWrappers(U->getSubExpr());
    else if (const auto *ME = dyn_cast<MemberExpr>(E); ME && !ME->isArrow())
      E = ignoreValueWrappers(ME->getBase());
    else if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
             Cast && Cast->getType()->isPointerType())
      E = ignoreValueWrappers(Cast->getSubExpr()); // `(block *)node->value` is node->value
    else if (const Expr *Object = accessorObject(E, Stores);
             Object && !Object->getType()->isPointerType())
      E = ignoreValueWrappers(Object); // `x.Current()` is part of x
    else if (Object && !isa<CXXThisExpr>(Object->IgnoreParenImpCasts()))
      return opaqueObject(Object, Stores); // `p->Current()` is part of *p: as `p->part`
    else
      break;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V || isa<ParmVarDecl>(V) || !V->hasLocalStorage() || V->isCXXForRangeDecl() ||
        !(V->getType()->isPointerType() || V->getType()->isReferenceType()))
      return false;
    // `Data *d = static_cast<Data *>(arg);` is the parameter under another
    // name, not a lookup.
    if (const Expr *Init = V->getInit())
      if (const auto *From = dyn_cast<DeclRefExpr>(Init->IgnoreParenCasts()))
        return !isa<ParmVarDecl>(From->getDecl());
    return true;
  }
  return isa<CallExpr>(E) || isa<ArraySubscriptExpr>(E) ||
         (isa<MemberExpr>(E) && cast<MemberExpr>(E)->isArrow() &&
          !isa<CXXThisExpr>(cast<MemberExpr>(E)->getBase()->IgnoreParenImpCasts()));
}

} // namespace

namespace {

/// opaqueObject() of \p E, where a pointer or reference parameter is the
/// argument the caller passed: followed up \p Above (the hops down to the
/// function \p E is in), so that `Node *n = make(); link(n);` names what
/// make() returned also inside link().
bool opaqueAlongChain(const Expr *E, CallPath Above, PointerStores &Stores) {
  while (!Above.empty()) {
    // `*out`, `out->part`, `&out->part`: the parameter's object or within
    // it (not what a pointer member of it points to).
    const Expr *Base = ignoreMoveOrForward(E);
    bool PointerValue = false;
    while (true) {
      const auto *U = dyn_cast<UnaryOperator>(Base);
      const auto *ME = dyn_cast<MemberExpr>(Base);
      const auto *Cast = dyn_cast<ExplicitCastExpr>(Base);
      if (U && (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf)) {
        PointerValue = U->getOpcode() == UO_Deref;
        Base = ignoreValueWrappers(U->getSubExpr());
      } else if (Cast && Cast->getType()->isPointerType()) {
        Base = ignoreValueWrappers(Cast->getSubExpr()); // `(T *)arg` is arg
      } else if (ME && !PointerValue) {
        PointerValue = ME->isArrow();
        Base = ignoreValueWrappers(ME->getBase());
      } else if (const Expr *Object = PointerValue ? nullptr : accessorObject(Base, Stores)) {
        PointerValue = Object->getType()->isPointerType();
        Base = ignoreValueWrappers(Object);
      } else {
        break;
      }
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(Base);
    const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
    const FunctionDecl *Callee = Above.back()->Callee;
    const auto *Owner = P ? dyn_cast<FunctionDecl>(P->getDeclContext()) : nullptr;
    if (!Owner || !Callee || Owner->getCanonicalDecl() != Callee->getCanonicalDecl() ||
        !(P->getType()->isPointerType() || P->getType()->isReferenceType()))
      break;
    E = argumentFor(Above.back()->Call, P);
    if (!E)
      return false;
    Above.pop_back();
  }
  // `std::move(g)` is g, not a call's result.
  return opaqueObject(ignoreMoveOrForward(E), Stores);
}

} // namespace

namespace {

/// Whether \p E is reached from `this` through members and dereferences
/// only (`this->tail->prev`, `*this->head`).
bool fromThisMembers(const Expr *E) {
  for (;;) {
    E = ignoreValueWrappers(E);
    if (isa<CXXThisExpr>(E))
      return true;
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      E = ME->getBase();
    else if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_Deref)
      E = U->getSubExpr();
    else
      return false;
  }
}

} // namespace

bool SharedAccesses::reachedThroughOpaquePointer(const Access &A) const {
  const auto *ME = dyn_cast_or_null<MemberExpr>(A.Site);
  if (!A.Loc.Field || A.Loc.Var || !ME)
    return false;
  // What a pointer member of this object points to (`this->tail->next`)
  // is reached through this object: as opaque as the object is, up the
  // chain.
  if (!isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
    if (opaqueAlongChain(ME->getBase(), A.Chain, Model.analysis<PointerStores>()))
      return true;
    if (!fromThisMembers(ME->getBase()))
      return false;
  }
  for (size_t I = A.Chain.size(); I-- > 0;) {
    const Expr *Object = objectArgument(A.Chain[I]->Call);
    if (!Object)
      return false;
    if (isa<CXXThisExpr>(ignoreValueWrappers(Object)))
      continue;
    return opaqueAlongChain(Object, CallPath(A.Chain.begin(), A.Chain.begin() + I),
                            Model.analysis<PointerStores>());
  }
  return false;
}

bool SharedAccesses::classSynchronizes(const RecordDecl *RD) {
  const auto *Class = dyn_cast_or_null<CXXRecordDecl>(RD);
  if (!Class || !Class->hasDefinition())
    return false;
  Class = Class->getDefinition();
  auto [Slot, Fresh] = LockingClasses.try_emplace(Class, false);
  if (!Fresh)
    return Slot->second;
  bool Locks = false;
  for (const FieldDecl *F : Class->fields())
    if (!F->getType()->isPointerType() && !F->getType()->isReferenceType() &&
        this->Locks.catalog().mutexType(F->getType()))
      Locks = true;
  for (const CXXBaseSpecifier &B : Class->bases())
    if (!Locks && classSynchronizes(B.getType()->getAsRecordDecl()))
      Locks = true;
  LockingClasses[Class] = Locks;
  return Locks;
}

namespace {

/// One step down from \p E to the object that holds it. \p IsPointer says
/// whether E is a pointer value (`p`, `this`, `x.ptr`) rather than an
/// object (`*p`, `x`, `x.part`); it is updated for the result. Returns
/// null when E is neither a sub-object nor an address the walk can follow:
/// a pointer field's pointee is not part of its holder.
const Expr *holderOf(const Expr *E, bool &IsPointer) {
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() == UO_Deref && !IsPointer) {
      IsPointer = true;
      return ignoreValueWrappers(U->getSubExpr());
    }
    if (U->getOpcode() == UO_AddrOf && IsPointer) {
      IsPointer = false;
      return ignoreValueWrappers(U->getSubExpr());
    }
    return nullptr;
  }
  const auto *M = dyn_cast<MemberExpr>(E);
  if (!M || IsPointer || !isa<FieldDecl>(M->getMemberDecl()) ||
      M->getMemberDecl()->getType()->isReferenceType())
    return nullptr;
  if (M->isArrow() && !isa<CXXThisExpr>(M->getBase()->IgnoreParenImpCasts()))
    return nullptr; // `p->part` belongs to *p, which the walk cannot name
  IsPointer = M->isArrow();
  return ignoreValueWrappers(M->getBase());
}

} // namespace

AccessRoot SharedAccesses::rootOf(const Access &A) const {
  const auto *ME = dyn_cast_or_null<MemberExpr>(A.Site);
  if (!A.Loc.Field || A.Loc.Var || !ME)
    return {};
  const Expr *E = ignoreValueWrappers(ME->getBase());
  bool IsPointer = ME->isArrow();
  AccessRoot Root;
  for (size_t I = A.Chain.size();;) {
    // Down to the object that holds this one: `&x`, `*p`, a member
    // sub-object (`x.part`, `this->part`) belong to their whole; a pointer
    // cast (`((slot_t *)arg)->n`) points at the same object.
    while (true) {
      if (IsPointer)
        E = ignoreValueWrappers(E->IgnoreParenCasts());
      if (const auto *Part = dyn_cast<MemberExpr>(E); Part && !IsPointer)
        if (const auto *F = dyn_cast<FieldDecl>(Part->getMemberDecl());
            F && F->getType()->isRecordType())
          Root.Through.push_back(F);
      const Expr *Holder = holderOf(E, IsPointer);
      if (!Holder)
        break;
      E = Holder;
    }
    // A pointer to an object made for this call (`add(new Node)`,
    // `add(create<Node>())`): nobody else holds it yet. An object made by
    // the expression itself (`String(s) += t`, a call returning by value)
    // is a temporary of this one call.
    if ((IsPointer && isFreshObject(E, Model.astContext())) ||
        (!IsPointer && E->isPRValue() && E->getType()->isRecordType())) {
      Root.Temporary = true;
      return Root;
    }
    const auto *DRE = dyn_cast<DeclRefExpr>(E);
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    // A variable other than a parameter is the root, in whichever frame.
    if (V && (I == 0 || !isa<ParmVarDecl>(V))) {
      Root.Var = V;
      return Root;
    }
    if (I == 0)
      return Root;
    const Expr *Call = A.Chain[--I]->Call;
    if (isa<CXXThisExpr>(E)) {
      E = objectArgument(Call); // `this` is the object the hop calls on
      IsPointer = false;
      if (E && E->getType()->isPointerType())
        IsPointer = true; // `p->run()`
    } else if (V && isa<ParmVarDecl>(V)) {
      E = argumentFor(Call, cast<ParmVarDecl>(V)); // the hop's argument
      // A reference parameter bound to `std::move(h)` is `h`.
      if (E && V->getType()->isReferenceType())
        E = ignoreMoveOrForward(E);
    } else {
      return Root;
    }
    if (!E)
      return Root;
    E = ignoreValueWrappers(E);
  }
}

bool SharedAccesses::ownElementOfInstance(const AccessRoot &Root, int Spawn) const {
  if (Spawn < 0 || static_cast<size_t>(Spawn) >= Spawns.all().size() || !spawnedInLoop(Spawn))
    return false;
  // The entry's pointer parameter, or a local copy of it (`T *me = arg;`).
  const auto *P = dyn_cast_or_null<ParmVarDecl>(pointerOrigin(Root.Var));
  const auto *Entry = P ? dyn_cast<FunctionDecl>(P->getDeclContext()) : nullptr;
  if (!Entry || !llvm::is_contained(Spawns.all()[Spawn].Entries, Entry))
    return false;
  llvm::ArrayRef<const Expr *> Args = spawnArguments(Spawn, Entry);
  unsigned Index = P->getFunctionScopeIndex();
  if (Index >= Args.size() || !Args[Index])
    return false;
  // `&slots[i]` or `slots + i`, i not a constant.
  const Expr *E = Args[Index]->IgnoreParenCasts();
  const ASTContext &Ctx = Model.astContext();
  if (const auto *U = dyn_cast<UnaryOperator>(E); U && U->getOpcode() == UO_AddrOf)
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(U->getSubExpr()->IgnoreParenImpCasts()))
      return !AS->getIdx()->isValueDependent() && !constantIndex(AS, Ctx);
  if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->getOpcode() == BO_Add) {
    const Expr *Offset = BO->getLHS()->getType()->isPointerType() ? BO->getRHS() : BO->getLHS();
    return !Offset->isValueDependent() && !Offset->isIntegerConstantExpr(Ctx);
  }
  return false;
}

bool SharedAccesses::mayShareObject(const Access &A, int SpawnA, const Access &B,
                                    int SpawnB) {
  // An object reached through a pointer the code looked up or was handed
  // (`Producer *p = lookup(); p->push();`) is known to be shared only if
  // its class protects itself with a lock, as RacerD assumes of classes
  // that lock: a lock-free class's per-thread parts, or objects handed out
  // one per thread, are not one location.
  if ((reachedThroughOpaquePointer(A) || reachedThroughOpaquePointer(B)) &&
      !classSynchronizes(A.Loc.Field->getParent()))
    return false;
  const VarDecl *OA = objectOf(A, SpawnA), *OB = objectOf(B, SpawnB);
  // A local object (a guard, a builder, a per-call state) that no thread
  // was handed by reference lives in one call's frame: each call, on each
  // thread, has its own.
  auto Private = [&](const VarDecl *V) {
    return V && V->hasLocalStorage() && !V->getType()->isReferenceType() &&
           !V->getType()->isPointerType() && !isa<ParmVarDecl>(V) && !isSharedLocal(V);
  };
  AccessRoot RA = rootOf(A), RB = rootOf(B);
  if (Private(OA) || Private(OB) || Private(RA.Var) || Private(RB.Var) || RA.Temporary ||
      RB.Temporary)
    return false;
  // A member object its class never lets out (EnclosedMembers.h) is
  // reached only through its holder: a path from a variable (a parameter,
  // a global, a local) that does not pass it reaches another object.
  EnclosedMembers &Enclosed = Model.analysis<EnclosedMembers>();
  auto Apart = [&](const AccessRoot &Inside, const AccessRoot &Other) {
    return Other.Var && llvm::any_of(Inside.Through, [&](const FieldDecl *M) {
             return !llvm::is_contained(Other.Through, M) && Enclosed.neverLeaves(M);
           });
  };
  if (Apart(RA, RB) || Apart(RB, RA))
    return false;
  // Two instances of a spawn started once per element (`for (...)
  // pthread_create(&t[i], 0, work, &slots[i]);`), each through its own.
  if (SpawnA == SpawnB && ownElementOfInstance(RA, SpawnA) && ownElementOfInstance(RB, SpawnB))
    return false;
  // Two instances of a spawn that keeps one thread per object (SpawnSite::
  // OnePerOwner), each through its own object's state: instances on one
  // object never overlap, and instances on two objects touch two objects.
  if (SpawnA == SpawnB && SpawnA >= 0 && Spawns.all()[SpawnA].OnePerOwner && A.Root.AtThis &&
      B.Root.AtThis)
    return false;
  if (!OA || !OB)
    return true;
  if (OA != OB) // two references may name one object; two objects never do
    return OA->getType()->isReferenceType() || OB->getType()->isReferenceType();
  // One variable: one object, unless it is a range-for element and these
  // are two instances of the spawn started once per element.
  return !(SpawnA == SpawnB && SpawnA >= 0 && spawnedInLoop(SpawnA) &&
           OA->getType()->isReferenceType());
}

} // namespace concur
