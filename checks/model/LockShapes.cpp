#include "LockShapes.h"

#include "QualifiedNames.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace concur {
namespace {

const CXXMethodDecl *basicLockableMethod(const CXXRecordDecl *RD, llvm::StringRef Name) {
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getIdentifier() && M->getName() == Name && M->getNumParams() == 0 &&
        !M->isStatic() && !M->isDeleted() && M->getAccess() == AS_public)
      return M;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (B.getAccessSpecifier() == AS_public)
      if (const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl())
        if (const CXXRecordDecl *Def = Base->getDefinition())
          if (const CXXMethodDecl *M = basicLockableMethod(Def, Name))
            return M;
  return nullptr;
}

// A lock object is never copied: copying would make a second lock. Decided
// without forcing Sema to declare the implicit copy constructor: a declared
// one says it directly, else any member that cannot be copied (an atomic,
// another mutex) deletes it.
bool nonCopyable(const CXXRecordDecl *RD, unsigned Depth = 0) {
  if (!RD || !(RD = RD->getDefinition()) || Depth > 4)
    return false;
  for (const CXXConstructorDecl *C : RD->ctors())
    if (C->isCopyConstructor())
      return C->isDeleted() || C->getAccess() != AS_public;
  if (!RD->needsOverloadResolutionForCopyConstructor())
    return RD->defaultedCopyConstructorIsDeleted();
  for (const FieldDecl *F : RD->fields())
    if (nonCopyable(F->getType()->getBaseElementTypeUnsafe()->getAsCXXRecordDecl(), Depth + 1))
      return true;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (nonCopyable(B.getType()->getAsCXXRecordDecl(), Depth + 1))
      return true;
  return false;
}

// A lock that knows its owner thread (a std::thread::id or pthread_t
// member, atomic or not) can let the owner in again.
bool remembersOwnerThread(const CXXRecordDecl *RD) {
  for (const FieldDecl *F : RD->fields()) {
    QualType T = F->getType();
    if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(classOfType(T));
        Spec && genericName(Spec) == "std::atomic" && Spec->getTemplateArgs().size() == 1 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
      T = Spec->getTemplateArgs()[0].getAsType();
    if (const CXXRecordDecl *C = classOfType(T); C && genericName(C) == "std::thread::id")
      return true;
    for (QualType U = T; const auto *TT = U->getAs<TypedefType>();
         U = TT->getDecl()->getUnderlyingType())
      if (TT->getDecl()->getName() == "pthread_t" || TT->getDecl()->getName() == "thrd_t")
        return true;
  }
  return false;
}

// `pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE)`: the mutex the
// attribute initialises will be recursive.
bool setsRecursiveType(const Stmt *S) {
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call || !Call->getDirectCallee() || Call->getNumArgs() != 2 ||
      Call->getDirectCallee()->getName() != "pthread_mutexattr_settype")
    return false;
  const auto *K = dyn_cast<DeclRefExpr>(Call->getArg(1)->IgnoreParenImpCasts());
  return K && K->getDecl()->getName().contains("RECURSIVE");
}

bool isThisObject(const Expr *E) {
  return E && isa<CXXThisExpr>(E->IgnoreParenImpCasts());
}

void addGuardMutex(BodyLockEffect &Into, const Expr *M) {
  LockId Id = LockCatalog::objectIdOf(M);
  if (Id && llvm::none_of(Into.ThisGuardMutexes,
                          [&](const Expr *E) { return LockCatalog::objectIdOf(E) == Id; }))
    Into.ThisGuardMutexes.push_back(M);
}

void merge(BodyLockEffect &Into, const BodyLockEffect &From) {
  for (const Expr *M : From.ThisGuardMutexes)
    addGuardMutex(Into, M);
  Into.Acquires |= From.Acquires;
  Into.AcquiresShared |= From.AcquiresShared;
  Into.TryAcquires |= From.TryAcquires;
  Into.Releases |= From.Releases;
  Into.Waits |= From.Waits;
  Into.Recursive |= From.Recursive;
  Into.CallsUnseenOwnMethod |= From.CallsUnseenOwnMethod;
}

} // namespace

BodyLockEffect LockShapes::effectOf(const FunctionDecl *F, unsigned Depth) const {
  const FunctionDecl *Def = F ? F->getDefinition() : nullptr;
  if (!Def || !Def->hasBody() || Depth > 3)
    return {};
  if (auto It = Effects.find(Def); It != Effects.end())
    return It->second; // also a call cycle: what is known so far
  Effects[Def] = {};
  BodyLockEffect Out;
  llvm::SmallVector<const Stmt *, 32> Work{Def->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue; // a closure runs wherever it is called
    if (isa<WhileStmt>(S) || isa<DoStmt>(S) || isa<ForStmt>(S) || isa<CXXForRangeStmt>(S))
      Out.Waits = true;
    if (setsRecursiveType(S))
      Out.Recursive = true;
    if (isa<CallExpr>(S) || isa<CXXConstructExpr>(S)) {
      if (std::optional<LockOperation> Op = Catalog.classify(cast<Expr>(S))) {
        switch (Op->Op) {
        case LockOperation::Acquire:
          (Op->Mode == LockMode::Shared ? Out.AcquiresShared : Out.Acquires) = true;
          for (const Expr *M : Op->Mutexes)
            if (std::optional<MutexTypeInfo> Info = Catalog.mutexType(M->getType()))
              Out.Recursive |= Info->Recursive;
          break;
        case LockOperation::TryAcquire:
          Out.TryAcquires = true;
          break;
        case LockOperation::Release:
          Out.Releases = true;
          break;
        case LockOperation::Assert:
          break; // checks, takes nothing
        case LockOperation::GuardRelock:
        case LockOperation::GuardTryRelock:
          if (isThisObject(Op->GuardObject))
            for (const Expr *M : Op->Mutexes)
              addGuardMutex(Out, M);
          Out.Waits = true;
          break;
        default:
          Out.Waits = true; // a lock built from a guarded mutex and a wait
          break;
        }
      } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
                 MC && isThisObject(MC->getImplicitObjectArgument())) {
        merge(Out, effectOf(MC->getMethodDecl(), Depth + 1));
        if (MC->getMethodDecl() && !MC->getMethodDecl()->hasBody())
          Out.CallsUnseenOwnMethod = true;
      }
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return Effects[Def] = Out;
}

bool isNullMutex(const CXXRecordDecl *RD) {
  if (!RD || !(RD = RD->getDefinition()) || RD->isDependentContext())
    return false;
  auto DoesNothing = [](const CXXMethodDecl *M) {
    const FunctionDecl *Def = M ? M->getDefinition() : nullptr;
    const auto *Body = Def ? dyn_cast_or_null<CompoundStmt>(Def->getBody()) : nullptr;
    return Body && Body->body_empty();
  };
  return DoesNothing(basicLockableMethod(RD, "lock")) &&
         DoesNothing(basicLockableMethod(RD, "unlock"));
}

std::optional<MutexTypeInfo> LockShapes::mutexInfo(const CXXRecordDecl *RD) const {
  if (!RD || RD->isLambda() || RD->isUnion() || RD->isDependentContext())
    return std::nullopt;
  auto [Slot, Fresh] = Mutexes.try_emplace(RD, std::nullopt);
  if (!Fresh)
    return Slot->second;
  const CXXMethodDecl *Lock = basicLockableMethod(RD, "lock");
  const CXXMethodDecl *Unlock = basicLockableMethod(RD, "unlock");
  // Google-style names (`Lock()`/`Unlock()`, a mutex wrapper of a
  // project's own): the same shape, with a body to show it.
  bool Capitalised = !Lock || !Unlock;
  if (Capitalised) {
    Lock = basicLockableMethod(RD, "Lock");
    Unlock = basicLockableMethod(RD, "Unlock");
  }
  if (!Lock || !Unlock)
    return Mutexes[RD] = readerWriterInfo(RD);
  if (!Capitalised && isNullMutex(RD)) // copyable or not: a copy locks nothing either
    return Mutexes[RD] = MutexTypeInfo{/*Recursive=*/true, /*SharedCapable=*/false};
  if (!nonCopyable(RD) || isGuard(RD))
    return std::nullopt;
  BodyLockEffect Effect;
  bool Visible = Lock->getDefinition() && Lock->getDefinition()->hasBody();
  if (Visible) {
    Effect = effectOf(Lock);
    // A visible lock() that neither waits nor locks is no lock, unless it
    // hands over to a method of its own defined elsewhere (`lock() {
    // Lock(); }`), which is as unknown as an unseen lock().
    if (!Effect.Acquires && !Effect.TryAcquires && !Effect.Waits && !Effect.CallsUnseenOwnMethod)
      return std::nullopt;
  }
  // Capitalised names need that evidence: a lock() that waits or locks, an
  // Unlock() that releases what it wraps, or a platform lock it wraps.
  if (Capitalised && !Effect.Acquires && !Effect.TryAcquires && !Effect.Waits &&
      !effectOf(Unlock).Releases && !wrapsPlatformLock(RD))
    return std::nullopt;
  MutexTypeInfo Info;
  Info.SharedCapable =
      basicLockableMethod(RD, "lock_shared") && basicLockableMethod(RD, "unlock_shared");
  // Recursive if what lock() takes is, or a constructor configures the
  // wrapped pthread mutex so, or it knows its owner thread.
  Info.Recursive = Effect.Recursive || remembersOwnerThread(RD) ||
                   llvm::any_of(RD->ctors(), [&](const CXXConstructorDecl *C) {
                     return effectOf(C).Recursive;
                   });
  return Mutexes[RD] = Info;
}

bool LockShapes::wrapsPlatformLock(const CXXRecordDecl *RD) const {
  // Its own state (private: not a lock it hands out), one of the catalog's
  // built-in lock types (pthread_rwlock_t, std::mutex, ...), by value.
  return llvm::any_of(RD->fields(), [&](const FieldDecl *F) {
    QualType T = F->getType();
    return F->getAccess() != AS_public && !T->isPointerType() && !T->isReferenceType() &&
           Catalog.isBuiltinMutexType(T);
  });
}

std::optional<MutexTypeInfo> LockShapes::readerWriterInfo(const CXXRecordDecl *RD) const {
  // `WriteLock()`/`WriteUnlock()` and `ReadLock()`/`ReadUnlock()` (or
  // Writer/Reader): a readers/writer lock of a project's own, when a body
  // shows it or it wraps a platform lock, and it cannot be copied.
  // `<Who>Lock()` and `<Who>Unlock()` for one of two prefixes.
  auto Pair = [&](llvm::StringRef A, llvm::StringRef B)
      -> std::pair<const CXXMethodDecl *, const CXXMethodDecl *> {
    for (llvm::StringRef Who : {A, B}) {
      const CXXMethodDecl *Lock = basicLockableMethod(RD, (Who + "Lock").str());
      const CXXMethodDecl *Unlock = basicLockableMethod(RD, (Who + "Unlock").str());
      if (Lock && Unlock)
        return {Lock, Unlock};
    }
    return {nullptr, nullptr};
  };
  auto [Write, WriteUnlock] = Pair("Write", "Writer");
  if (!Write || !nonCopyable(RD) || isGuard(RD))
    return std::nullopt;
  BodyLockEffect Effect = effectOf(Write);
  if (!Effect.Acquires && !Effect.Waits && !effectOf(WriteUnlock).Releases &&
      !wrapsPlatformLock(RD))
    return std::nullopt;
  MutexTypeInfo Info;
  Info.SharedCapable = Pair("Read", "Reader").first != nullptr;
  Info.Recursive = Effect.Recursive;
  return Info;
}

llvm::SmallVector<BodyLockEffect, 2>
LockShapes::mutexConstructorEffects(const CXXRecordDecl *RD) const {
  auto RefersToMutex = [&](QualType T) {
    return (T->isReferenceType() || T->isPointerType()) && Catalog.mutexType(T);
  };
  llvm::SmallVector<BodyLockEffect, 2> Out;
  if (llvm::none_of(RD->fields(), [&](const FieldDecl *F) { return RefersToMutex(F->getType()); }))
    return Out;
  for (const CXXConstructorDecl *C : RD->ctors())
    if (!C->isCopyOrMoveConstructor() && !C->isDeleted() &&
        llvm::any_of(C->parameters(),
                     [&](const ParmVarDecl *P) { return RefersToMutex(P->getType()); }))
      Out.push_back(effectOf(C));
  return Out;
}

bool LockShapes::isGuard(const CXXRecordDecl *RD) const {
  if (!RD || RD->isLambda() || RD->isUnion() || RD->isDependentContext())
    return false;
  auto [Slot, Fresh] = Guards.try_emplace(RD, false);
  if (!Fresh)
    return Slot->second;
  for (const CXXConstructorDecl *C : RD->ctors())
    if (!derivedGuardMutexes(C).empty())
      return Guards[RD] = true;
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  if (!Dtor || !Dtor->isUserProvided() || !effectOf(Dtor).Releases)
    return false;
  return Guards[RD] = llvm::any_of(mutexConstructorEffects(RD), [](const BodyLockEffect &E) {
           return E.Acquires || E.AcquiresShared || E.TryAcquires;
         });
}

bool LockShapes::isScopedUnlocker(const CXXRecordDecl *RD) const {
  if (!RD || !(RD = RD->getDefinition()) || RD->isLambda() || RD->isDependentContext())
    return false;
  auto [Slot, Fresh] = Unlockers.try_emplace(RD, false);
  if (!Fresh)
    return Slot->second;
  const CXXDestructorDecl *Dtor = RD->getDestructor();
  if (!Dtor || !Dtor->isUserProvided() || !effectOf(Dtor).Acquires)
    return false;
  return Unlockers[RD] = llvm::any_of(mutexConstructorEffects(RD), [](const BodyLockEffect &E) {
           return E.Releases && !E.Acquires && !E.TryAcquires;
         });
}

llvm::SmallVector<const Expr *, 2>
LockShapes::derivedGuardMutexes(const CXXConstructorDecl *Ctor) const {
  const CXXRecordDecl *RD = Ctor ? Ctor->getParent() : nullptr;
  if (!RD || !RD->hasDefinition() || Ctor->isCopyOrMoveConstructor() || Ctor->isDeleted() ||
      llvm::none_of(RD->bases(), [&](const CXXBaseSpecifier &B) {
        return Catalog.isGuardType(B.getType());
      }))
    return {};
  return effectOf(Ctor).ThisGuardMutexes;
}

std::optional<LockOperation::Kind> LockShapes::guardMethod(const CXXMethodDecl *M) const {
  BodyLockEffect Effect = effectOf(M);
  bool Acquires = Effect.Acquires || Effect.AcquiresShared;
  if (Effect.Releases)
    return Acquires || Effect.TryAcquires ? std::nullopt
                                          : std::optional(LockOperation::GuardUnlock);
  if (Acquires)
    return LockOperation::GuardRelock;
  if (Effect.TryAcquires && M->getReturnType()->isBooleanType())
    return LockOperation::GuardTryRelock;
  return std::nullopt;
}

std::optional<LockMode> LockShapes::constructorLock(const FunctionDecl *Ctor) const {
  BodyLockEffect Effect = effectOf(Ctor);
  if (!Effect.Acquires && !Effect.AcquiresShared && !Effect.TryAcquires)
    return std::nullopt;
  return Effect.AcquiresShared && !Effect.Acquires ? LockMode::Shared : LockMode::Exclusive;
}

} // namespace concur
