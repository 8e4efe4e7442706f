#include "LockCatalog.h"

#include "ExprWrappers.h"
#include "LockBindings.h"
#include "LockShapes.h"

#include "QualifiedNames.h"

#include "clang-tidy/utils/OptionsUtils.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace concur {
namespace {

struct BuiltinMutex {
  const char *Name;
  MutexTypeInfo Info;
};

constexpr BuiltinMutex BuiltinMutexes[] = {
    {"std::mutex", {false, false}},
    {"std::timed_mutex", {false, false}},
    {"std::recursive_mutex", {true, false}},
    {"std::recursive_timed_mutex", {true, false}},
    {"std::shared_mutex", {false, true}},
    {"std::shared_timed_mutex", {false, true}},
    {"concur::Mutex", {false, false}},
    {"concur::RecursiveMutex", {true, false}},
    {"concur::SharedMutex", {false, true}},
    {"pthread_mutex_t", {false, false}},
    {"mtx_t", {false, false}}, // C11; recursive only if made with mtx_recursive
    {"pthread_rwlock_t", {false, true}},
    {"pthread_spinlock_t", {false, false}},
};

constexpr const char *BuiltinMutexNames[] = {
    "std::mutex", "std::timed_mutex", "std::recursive_mutex", "std::recursive_timed_mutex",
    "std::shared_mutex", "std::shared_timed_mutex", "concur::Mutex", "concur::RecursiveMutex",
    "concur::SharedMutex", "pthread_mutex_t", "pthread_rwlock_t", "pthread_spinlock_t", "mtx_t"};

/// The built-in lock type named \p Name (a class's generic name or a
/// typedef's), if it is one.
const BuiltinMutex *builtinMutexNamed(llvm::StringRef Name) {
  for (const BuiltinMutex &M : BuiltinMutexes)
    if (Name == M.Name)
      return &M;
  return nullptr;
}

// Types whose operations synchronise by themselves: accessing them is never
// a data race (by prefix of the generic name).
constexpr const char *SynchronizingPrefixes[] = {
    "std::atomic",           "std::atomic_ref",       "std::atomic_flag",
    "std::condition_variable", "std::once_flag",      "std::latch",
    "std::barrier",          "std::counting_semaphore", "std::binary_semaphore",
    "std::stop_source",      "std::stop_token",       "std::promise",
    "std::future",           "std::shared_future",    "std::packaged_task",
    "std::thread",           "std::jthread",          "std::lock_guard",
    "std::scoped_lock",      "std::unique_lock",      "std::shared_lock",
    "concur::",              "pthread_cond_t",        "pthread_once_t",
    "pthread_barrier_t",     "sem_t",                 "pthread_t",
    "mtx_t",                 "cnd_t",                 "thrd_t",
};

const Expr *strip(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else
      return E;
  }
  return E;
}

std::string typeName(QualType T) {
  if (T.isNull())
    return {};
  T = T.getNonReferenceType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  T = T.getCanonicalType().getUnqualifiedType();
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    return genericName(RD);
  // C typedefs (pthread_mutex_t) are records with library-private names;
  // take the typedef the user wrote before canonicalising.
  return {};
}

std::string writtenTypedefName(QualType T) {
  T = T.getNonReferenceType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  while (const auto *TT = T->getAs<TypedefType>()) {
    llvm::StringRef N = TT->getDecl()->getName();
    if (N.starts_with("pthread_") || N == "sem_t" || N == "mtx_t" || N == "cnd_t" ||
        N == "thrd_t")
      return N.str();
    T = TT->getDecl()->getUnderlyingType();
  }
  return {};
}

bool isTag(const Expr *E, llvm::StringRef Tag) {
  const CXXRecordDecl *RD = classOfType(E->getType());
  return RD && genericName(RD) == Tag;
}

// The capability an ACQUIRE/RELEASE-style attribute argument names, with
// `this` standing for the object of a member call.
template <typename AttrT>
void attrMutexes(const AttrT *A, const Expr *Object, const CallExpr *Call,
                 const FunctionDecl *Callee, llvm::SmallVectorImpl<const Expr *> &Out) {
  if (A->args_size() == 0) {
    if (Object)
      Out.push_back(Object);
    return;
  }
  for (const Expr *Arg : A->args()) {
    const Expr *S = strip(Arg);
    if (isa<CXXThisExpr>(S)) { // `ASSERT_CAPABILITY(this)`: the called object
      if (Object)
        Out.push_back(Object);
      continue;
    }
    // A parameter: substitute the call's argument.
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
        if (const Expr *Arg = argumentFor(Call, P))
          Out.push_back(Arg);
        continue;
      }
    Out.push_back(S);
  }
}

} // namespace

std::string LockId::name() const {
  if (!Decl)
    return "<unknown lock>";
  if (const auto *FD = dyn_cast<FieldDecl>(Decl))
    return genericName(FD->getParent()) + "::" + FD->getNameAsString();
  return Decl->getNameAsString();
}

llvm::ArrayRef<const char *> LockCatalog::builtinMutexTypes() { return BuiltinMutexNames; }

LockCatalog::~LockCatalog() = default;

LockCatalog::LockCatalog(llvm::StringRef ExtraMutexTypes)
    : Shapes(std::make_unique<LockShapes>(*this)) {
  for (llvm::StringRef Item : clang::tidy::utils::options::parseStringList(ExtraMutexTypes)) {
    auto [Name, Kind] = Item.split('=');
    Name = Name.trim().ltrim(':');
    if (Name.empty())
      continue;
    MutexTypeInfo Info;
    Info.Recursive = Kind.trim() == "recursive";
    Info.SharedCapable = Kind.trim() == "shared";
    ExtraTypes[Name] = Info;
  }
}

std::optional<MutexTypeInfo> LockCatalog::mutexClass(const CXXRecordDecl *RD) const {
  if (!RD)
    return std::nullopt;
  std::string Name = genericName(RD);
  if (const BuiltinMutex *M = builtinMutexNamed(Name))
    return M->Info;
  if (auto It = ExtraTypes.find(Name); It != ExtraTypes.end())
    return It->second;
  // The thread-safety attributes are facts: a capability class is a mutex.
  if (const CXXRecordDecl *Def = RD->getDefinition())
    if (Def->hasAttr<CapabilityAttr>()) {
      MutexTypeInfo Info;
      Info.Recursive = Def->hasAttr<ReentrantCapabilityAttr>();
      for (const CXXMethodDecl *M : Def->methods())
        if (const auto *A = M->getAttr<AcquireCapabilityAttr>(); A && A->isShared())
          Info.SharedCapable = true;
      return Info;
    }
  // A guard (std::unique_lock) has lock() and unlock() too, but locks its
  // mutex, not itself.
  if (const CXXRecordDecl *Def = RD->getDefinition(); Def && !isStandardGuard(Def))
    return Shapes->mutexInfo(Def);
  return std::nullopt;
}

bool LockCatalog::isBuiltinMutexType(QualType T) const {
  if (T.isNull())
    return false;
  const CXXRecordDecl *RD = classOfType(T);
  return builtinMutexNamed(writtenTypedefName(T)) ||
         (RD && builtinMutexNamed(genericName(RD)));
}

std::optional<MutexTypeInfo> LockCatalog::mutexType(QualType T) const {
  if (T.isNull())
    return std::nullopt;
  if (const BuiltinMutex *M = builtinMutexNamed(writtenTypedefName(T)))
    return M->Info;
  return mutexClass(classOfType(T));
}

// The guards whose methods mean what their names say: the standard ones and
// those annotated `scoped_lockable`.
bool LockCatalog::isStandardGuard(const CXXRecordDecl *RD) const {
  std::string Name = genericName(RD);
  if (Name == "std::lock_guard" || Name == "std::scoped_lock" || Name == "std::unique_lock" ||
      Name == "std::shared_lock")
    return true;
  const CXXRecordDecl *Def = RD->getDefinition();
  return Def && Def->hasAttr<ScopedLockableAttr>();
}

bool LockCatalog::isGuardType(QualType T) const {
  const CXXRecordDecl *RD = classOfType(T);
  if (!RD)
    return false;
  if (isStandardGuard(RD))
    return true;
  const CXXRecordDecl *Def = RD->getDefinition();
  return Def && Shapes->isGuard(Def);
}

bool LockCatalog::isScopedLockType(QualType T) const {
  if (isGuardType(T))
    return true;
  const CXXRecordDecl *RD = classOfType(T);
  const CXXRecordDecl *Def = RD ? RD->getDefinition() : nullptr;
  return Def && Shapes->isScopedUnlocker(Def);
}

bool LockCatalog::isSynchronizedStream(const VarDecl *V) {
  if (!V || !V->hasGlobalStorage() || !V->getDeclContext()->isStdNamespace())
    return false;
  return llvm::is_contained({"cin", "cout", "cerr", "clog", "wcin", "wcout", "wcerr", "wclog"},
                            V->getName());
}

bool LockCatalog::isSynchronizing(QualType T) const {
  if (T.isNull())
    return false;
  QualType Base = T.getNonReferenceType();
  // C11 `_Atomic T` (and atomic_long, ...): every access is atomic.
  if (Base->isAtomicType() || mutexType(Base) || isGuardType(Base))
    return true;
  std::string Typedef = writtenTypedefName(Base);
  std::string Name = Typedef.empty() ? typeName(Base) : Typedef;
  if (Name.empty())
    return false;
  for (llvm::StringRef Prefix : SynchronizingPrefixes)
    if (llvm::StringRef(Name).starts_with(Prefix))
      return true;
  return madeOfSynchronizingMembers(Base);
}

// A class whose every data member synchronises by itself (atomics, arrays
// of atomics, mutexes), is const, or is never named (padding) is as safe
// to share as its members: a
// lock-free statistics block, an atomic flag wrapper. Its methods' accesses
// go to those members, one atomic operation at a time.
bool LockCatalog::madeOfSynchronizingMembers(QualType T) const {
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  RD = RD->getDefinition();
  if (RD->isUnion() || RD->isDependentContext() || RD->isLambda())
    return false;
  // Memoised; a class being decided counts as not synchronising.
  auto [Slot, Fresh] = MemberwiseSynchronizing.try_emplace(RD, false);
  if (!Fresh)
    return Slot->second;
  unsigned Synchronizing = 0;
  auto MemberSafe = [&](QualType FT) {
    while (const auto *AT = FT->getAsArrayTypeUnsafe())
      FT = AT->getElementType();
    if (FT.isConstQualified())
      return true;
    if (isSynchronizing(FT)) {
      ++Synchronizing;
      return true;
    }
    return false;
  };
  bool Safe = true;
  for (const CXXBaseSpecifier &B : RD->bases())
    Safe = Safe && MemberSafe(B.getType());
  // A member no code names (cache-line padding) is never accessed.
  for (const FieldDecl *F : RD->fields())
    if (!MemberSafe(F->getType()) && F->isReferenced() && !F->isUnnamedBitField())
      Safe = false;
  bool Result = Safe && Synchronizing > 0;
  MemberwiseSynchronizing[RD] = Result;
  return Result;
}

namespace {

std::optional<LockOperation> atomicFlagOperation(const CallExpr *Call, llvm::StringRef Name) {
  const Expr *Flag = nullptr;
  llvm::StringRef Method;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXRecordDecl *RD = classOfType(MC->getImplicitObjectArgument()->getType());
    if (!RD || genericName(RD) != "std::atomic_flag" || !MC->getMethodDecl())
      return std::nullopt;
    Flag = MC->getImplicitObjectArgument();
    Method = MC->getMethodDecl()->getName();
  } else if (Name.starts_with("atomic_flag_") && Call->getNumArgs() >= 1) {
    Flag = Call->getArg(0); // C11 <stdatomic.h>, and std:: in C++
    Method = Name.drop_front(strlen("atomic_flag_"));
    Method.consume_back("_explicit");
  } else if (Name.starts_with("std::atomic_flag_") && Call->getNumArgs() >= 1) {
    Flag = Call->getArg(0);
    Method = Name.drop_front(strlen("std::atomic_flag_"));
    Method.consume_back("_explicit");
  } else {
    return std::nullopt;
  }
  LockOperation Op;
  Op.Mode = LockMode::Exclusive;
  Op.Mutexes.push_back(Flag);
  if (Method == "test_and_set") {
    Op.Op = LockOperation::TryAcquire;
    Op.SuccessValue = false; // was clear: now ours
    return Op;
  }
  if (Method == "clear") {
    Op.Op = LockOperation::Release;
    return Op;
  }
  return std::nullopt;
}

} // namespace

std::optional<LockOperation> LockCatalog::guardMemberCall(const CallExpr *Call,
                                                          const CXXMethodDecl *Method,
                                                          const Expr *Object) const {
  LockOperation Op;
  Op.GuardObject = Object;
  if (!isStandardGuard(classOfType(Object->getType()))) {
    // A learned guard's methods do what their bodies do; one that takes a
    // mutex argument (`lk.acquire(m)`) binds the guard to it.
    std::optional<LockOperation::Kind> Kind = Shapes->guardMethod(Method);
    if (!Kind)
      return std::nullopt;
    Op.Op = *Kind;
    for (const Expr *Arg : Call->arguments())
      if (Arg != Object && mutexType(Arg->getType()))
        Op.Mutexes.push_back(Arg);
    return Op;
  }
  llvm::StringRef M = Method->getName();
  if (const auto *Conv = dyn_cast<CXXConversionDecl>(Method);
      Conv && Conv->getConversionType()->isBooleanType())
    Op.Op = LockOperation::GuardOwns;
  else if (M == "lock" || M == "lock_shared")
    Op.Op = LockOperation::GuardRelock;
  else if (M == "try_lock" || M == "try_lock_for" || M == "try_lock_until" ||
           M == "try_lock_shared")
    Op.Op = LockOperation::GuardTryRelock;
  else if (M == "unlock" || M == "unlock_shared")
    Op.Op = LockOperation::GuardUnlock;
  else if (M == "release")
    Op.Op = LockOperation::GuardDisown;
  else if (M == "owns_lock")
    Op.Op = LockOperation::GuardOwns;
  else
    return std::nullopt;
  return Op;
}

namespace {

/// POSIX and C11 <threads.h> lock calls (thrd_success is 0, as for POSIX).
std::optional<LockOperation> posixOperation(const CallExpr *Call, llvm::StringRef Name) {
  LockOperation Op;
  if (!(Name.starts_with("pthread_") || Name.starts_with("mtx_")) || Call->getNumArgs() < 1)
    return std::nullopt;
  static const struct {
    const char *Name;
    LockOperation::Kind Op;
    LockMode Mode;
  } Posix[] = {
      {"pthread_mutex_lock", LockOperation::Acquire, LockMode::Exclusive},
      {"pthread_mutex_timedlock", LockOperation::TryAcquire, LockMode::Exclusive},
      {"pthread_mutex_trylock", LockOperation::TryAcquire, LockMode::Exclusive},
      {"pthread_mutex_unlock", LockOperation::Release, LockMode::Exclusive},
      {"pthread_rwlock_rdlock", LockOperation::Acquire, LockMode::Shared},
      {"pthread_rwlock_wrlock", LockOperation::Acquire, LockMode::Exclusive},
      {"pthread_rwlock_tryrdlock", LockOperation::TryAcquire, LockMode::Shared},
      {"pthread_rwlock_trywrlock", LockOperation::TryAcquire, LockMode::Exclusive},
      {"pthread_rwlock_unlock", LockOperation::Release, LockMode::Exclusive},
      {"pthread_spin_lock", LockOperation::Acquire, LockMode::Exclusive},
      {"pthread_spin_trylock", LockOperation::TryAcquire, LockMode::Exclusive},
      {"pthread_spin_unlock", LockOperation::Release, LockMode::Exclusive},
      {"mtx_lock", LockOperation::Acquire, LockMode::Exclusive},
      {"mtx_timedlock", LockOperation::TryAcquire, LockMode::Exclusive},
      {"mtx_trylock", LockOperation::TryAcquire, LockMode::Exclusive},
      {"mtx_unlock", LockOperation::Release, LockMode::Exclusive},
  };
  for (const auto &P : Posix)
    if (Name == P.Name) {
      Op.Op = P.Op;
      Op.Mode = P.Mode;
      Op.SuccessValue = false; // 0 means success
      Op.Mutexes.push_back(Call->getArg(0));
      return Op;
    }
  return std::nullopt;
}

/// A call whose callee carries Clang's thread-safety attributes: facts.
std::optional<LockOperation> attributedOperation(const CallExpr *Call, const FunctionDecl *Callee,
                                                 const Expr *Object) {
  // One attribute's operation on the mutexes its arguments name.
  auto From = [&](const auto *A, LockOperation::Kind Kind,
                  bool Shared) -> std::optional<LockOperation> {
    if (!A)
      return std::nullopt;
    LockOperation Op;
    Op.Op = Kind;
    Op.Mode = Shared ? LockMode::Shared : LockMode::Exclusive;
    attrMutexes(A, Object, Call, Callee, Op.Mutexes);
    return Op.Mutexes.empty() ? std::nullopt : std::optional<LockOperation>(std::move(Op));
  };
  const auto *Acquire = Callee->getAttr<AcquireCapabilityAttr>();
  if (auto Op = From(Acquire, LockOperation::Acquire, Acquire && Acquire->isShared()))
    return Op;
  const auto *Try = Callee->getAttr<TryAcquireCapabilityAttr>();
  if (auto Op = From(Try, LockOperation::TryAcquire, Try && Try->isShared())) {
    Expr::EvalResult R;
    if (Try->getSuccessValue() && Try->getSuccessValue()->EvaluateAsInt(R, Callee->getASTContext()))
      Op->SuccessValue = R.Val.getInt().getBoolValue();
    return Op;
  }
  if (auto Op = From(Callee->getAttr<ReleaseCapabilityAttr>(), LockOperation::Release, false))
    return Op;
  const auto *Assert = Callee->getAttr<AssertCapabilityAttr>();
  return From(Assert, LockOperation::Assert, Assert && Assert->isShared());
}

/// `m.lock()`, `m.try_lock_shared()`, `m.unlock()` on a mutex object.
std::optional<LockOperation> mutexMemberCall(const FunctionDecl *Callee, const Expr *Object) {
  LockOperation Op;
  llvm::StringRef M = Callee->getIdentifier() ? Callee->getName() : "";
  Op.Mutexes.push_back(Object);
  // Google-style names of a learned mutex (LockShapes) mean the same, and
  // so do a readers/writer lock's Write/Read (Writer/Reader) pairs.
  if (M == "Lock" || M == "WriteLock" || M == "WriterLock")
    M = "lock";
  else if (M == "TryLock")
    M = "try_lock";
  else if (M == "Unlock" || M == "WriteUnlock" || M == "WriterUnlock")
    M = "unlock";
  else if (M == "ReadLock" || M == "ReaderLock")
    M = "lock_shared";
  else if (M == "ReadUnlock" || M == "ReaderUnlock")
    M = "unlock_shared";
  if (M == "AssertHeld" || M == "assert_held") { // leveldb's and rocksdb's port::Mutex
    Op.Op = LockOperation::Assert;
    return Op;
  }
  if (M == "lock" || M == "lock_shared") {
    Op.Op = LockOperation::Acquire;
    Op.Mode = M == "lock" ? LockMode::Exclusive : LockMode::Shared;
  } else if (M.starts_with("try_lock")) {
    Op.Op = LockOperation::TryAcquire;
    Op.Mode = M.contains("shared") ? LockMode::Shared : LockMode::Exclusive;
  } else if (M == "unlock" || M == "unlock_shared") {
    Op.Op = LockOperation::Release;
    Op.Mode = M == "unlock" ? LockMode::Exclusive : LockMode::Shared;
  } else {
    return std::nullopt;
  }
  return Op;
}

} // namespace

std::optional<LockOperation>
LockCatalog::classifyConstruction(const CXXConstructExpr *CE) const {
  LockOperation Op;
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  if (!Ctor || Ctor->isCopyOrMoveConstructor() || CE->getNumArgs() == 0)
    return std::nullopt;
  if (!isGuardType(CE->getType())) {
    // A scoped unlocker lets go of its mutex until it is destroyed
    // (Locksets takes the lock back at its destructor).
    if (!Shapes->isScopedUnlocker(Ctor->getParent()))
      return std::nullopt;
    Op.Op = LockOperation::Release;
    for (const Expr *Arg : CE->arguments())
      if (mutexType(Arg->getType()))
        Op.Mutexes.push_back(Arg);
    return Op.Mutexes.empty() ? std::nullopt : std::optional<LockOperation>(Op);
  }
  std::string Guard = genericName(Ctor->getParent());
  Op.Op = LockOperation::GuardLock;
  if (Guard == "std::shared_lock")
    Op.Mode = LockMode::Shared;
  else if (!isStandardGuard(Ctor->getParent())) {
    std::optional<LockMode> Mode = Shapes->constructorLock(Ctor);
    Op.Mode = Mode.value_or(LockMode::Exclusive);
    if (!Mode)
      Op.Op = LockOperation::GuardAdopt; // stores the mutex, locks nothing
  }
  for (const Expr *Arg : CE->arguments()) {
    if (isa<CXXDefaultArgExpr>(Arg))
      continue;
    if (isTag(Arg, "std::defer_lock_t"))
      Op.Op = LockOperation::GuardDeferred;
    else if (isTag(Arg, "std::try_to_lock_t"))
      Op.Op = LockOperation::GuardTry;
    else if (isTag(Arg, "std::adopt_lock_t"))
      Op.Op = LockOperation::GuardAdopt;
    else if (mutexType(Arg->getType()))
      Op.Mutexes.push_back(Arg);
    else if (classOfType(Arg->getType()) &&
             genericName(classOfType(Arg->getType())).starts_with("std::chrono"))
      Op.Op = LockOperation::GuardTry; // timed: held iff owns_lock()
  }
  // A guard derived from a guard, whose constructor finds its mutex itself.
  if (Op.Mutexes.empty() && !isStandardGuard(Ctor->getParent())) {
    llvm::SmallVector<const Expr *, 2> Own = Shapes->derivedGuardMutexes(Ctor);
    if (!Own.empty()) {
      Op.Op = LockOperation::GuardLock;
      Op.Mode = LockMode::Exclusive;
      Op.Mutexes.assign(Own.begin(), Own.end());
    }
  }
  // A scoped_lockable class of the user's: its constructor's ACQUIRE says
  // which arguments it locks.
  if (Op.Mutexes.empty())
    if (const auto *A = Ctor->getAttr<AcquireCapabilityAttr>()) {
      for (const Expr *Arg : A->args())
        if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(Arg)))
          if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
            if (P->getFunctionScopeIndex() < CE->getNumArgs())
              Op.Mutexes.push_back(CE->getArg(P->getFunctionScopeIndex()));
      if (A->isShared())
        Op.Mode = LockMode::Shared;
    }
  if (Op.Mutexes.empty())
    return std::nullopt;
  return Op;
}

std::optional<LockOperation> LockCatalog::classify(const Expr *E) const {
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return classifyConstruction(CE);
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return std::nullopt;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return std::nullopt;
  std::string Name = genericName(Callee);
  if (std::optional<LockOperation> Posix = posixOperation(Call, Name))
    return Posix;
  if (llvm::StringRef(Name).starts_with("pthread_") || llvm::StringRef(Name).starts_with("mtx_"))
    return std::nullopt;
  // A spin lock on an atomic flag: `while (f.test_and_set()) pause();`
  // takes f on the edge where the flag was clear; `f.clear()` releases it.
  // (A flag only ever set is a once-flag: its holder is the one thread that
  // got past it, which is what the lockset then says.)
  if (std::optional<LockOperation> Spin = atomicFlagOperation(Call, Name))
    return Spin;

  if (Name == "std::lock") {
    LockOperation Op;
    for (const Expr *Arg : Call->arguments())
      if (mutexType(Arg->getType()))
        Op.Mutexes.push_back(Arg);
    if (Op.Mutexes.empty())
      return std::nullopt;
    return Op;
  }

  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  const Expr *Object = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    Object = MC->getImplicitObjectArgument();
  else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call); OC && Method && OC->getNumArgs())
    Object = OC->getArg(0);

  // Member calls on a guard object.
  if (Method && Object && isGuardType(Object->getType()))
    return guardMemberCall(Call, Method, Object);

  if (std::optional<LockOperation> Attributed = attributedOperation(Call, Callee, Object))
    return Attributed;
  if (Method && Object && mutexType(Object->getType()))
    return mutexMemberCall(Callee, Object);
  return std::nullopt;
}

LockId LockCatalog::lockIdOf(const Expr *MutexExpr) const {
  LockId Named = objectIdOf(MutexExpr);
  return Bindings ? Bindings->resolve(Named) : Named;
}

LockId LockCatalog::objectIdOf(const Expr *MutexExpr) {
  const Expr *E = strip(MutexExpr);
  while (E) {
    if (const auto *U = dyn_cast<UnaryOperator>(E);
        U && (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)) {
      E = strip(U->getSubExpr());
      continue;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return LockId{DRE->getDecl()};
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return LockId{ME->getMemberDecl()};
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      E = strip(AS->getBase());
      continue;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
        OC && OC->getOperator() == OO_Star && OC->getNumArgs() == 1) {
      E = strip(OC->getArg(0));
      continue;
    }
    // `db->mutex()->Lock()`: an accessor that hands out a mutex member.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
      if (const Expr *Returned = returnedMutex(MC->getMethodDecl())) {
        E = strip(Returned);
        continue;
      }
    return LockId{};
  }
  return LockId{};
}

const Expr *LockCatalog::returnedMutex(const CXXMethodDecl *M) {
  if (!M || M->getNumParams() != 0)
    return nullptr;
  // RETURN_CAPABILITY(mu_) says it; otherwise a body that is only
  // `return &mu_;` (or `return mu_;` by reference) on its own object.
  if (const auto *A = M->getAttr<LockReturnedAttr>())
    return A->getArg();
  const FunctionDecl *Def = M->getDefinition();
  const auto *Body = Def ? dyn_cast_or_null<CompoundStmt>(Def->getBody()) : nullptr;
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  const Expr *V = Ret && Ret->getRetValue() ? strip(Ret->getRetValue()) : nullptr;
  if (const auto *U = dyn_cast_or_null<UnaryOperator>(V); U && U->getOpcode() == UO_AddrOf)
    V = strip(U->getSubExpr());
  const auto *ME = dyn_cast_or_null<MemberExpr>(V);
  if (!ME || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) ||
      !(M->getReturnType()->isPointerType() || M->getReturnType()->isReferenceType()))
    return nullptr;
  return ME;
}

bool LockCatalog::skipsLockAnalysis(const FunctionDecl *F) {
  return F && llvm::any_of(F->redecls(), [](const FunctionDecl *R) {
           return R->hasAttr<NoThreadSafetyAnalysisAttr>();
         });
}

llvm::SmallVector<std::pair<LockId, LockMode>, 2>
LockCatalog::requiredLocks(const FunctionDecl *F) const {
  llvm::SmallVector<std::pair<LockId, LockMode>, 2> Out;
  if (!F)
    return Out;
  for (const auto *A : F->specific_attrs<RequiresCapabilityAttr>())
    for (const Expr *Arg : A->args())
      if (LockId Id = lockIdOf(Arg))
        Out.push_back({Id, A->isShared() ? LockMode::Shared : LockMode::Exclusive});
  return Out;
}

LockId LockCatalog::guardOf(const ValueDecl *D) const {
  if (const auto *A = D ? D->getAttr<GuardedByAttr>() : nullptr)
    return lockIdOf(A->getArg());
  return LockId{};
}

} // namespace concur
