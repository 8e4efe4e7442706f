#include "BlockingCallCatalog.h"

#include "CallGraph.h"
#include "QualifiedNames.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace concur {

llvm::StringRef categoryName(BlockingCategory C) {
  switch (C) {
  case BlockingCategory::Sleep: return "sleep";
  case BlockingCategory::Wait: return "synchronous wait";
  case BlockingCategory::Lock: return "lock acquisition";
  case BlockingCategory::IO: return "blocking I/O";
  case BlockingCategory::Process: return "process wait";
  case BlockingCategory::Annotated: return "annotated blocking";
  }
  return "blocking";
}

namespace {
using C = BlockingCategory;
constexpr const char *AltSleep =
    "co_await an asynchronous sleep (e.g. concur::sleep) so the loop keeps running";
constexpr const char *AltWait =
    "co_await the result instead, or move the wait to a worker with run_in_executor";
constexpr const char *AltLock =
    "use a coroutine-aware mutex, or keep the critical section free of suspension points";
constexpr const char *AltIO =
    "use non-blocking I/O driven by the event loop, or run_in_executor";
constexpr const char *AltProcess = "run it with run_in_executor on a worker thread";
constexpr const char *AltAnnotated =
    "call it from a worker thread (run_in_executor) instead";

const char *alternativeFor(BlockingCategory Cat) {
  switch (Cat) {
  case C::Sleep: return AltSleep;
  case C::Wait: return AltWait;
  case C::Lock: return AltLock;
  case C::IO: return AltIO;
  case C::Process: return AltProcess;
  case C::Annotated: return AltAnnotated;
  }
  return AltAnnotated;
}

BlockingEntry entry(const char *Name, C Cat, const char *Alt, bool CFn = false,
                    int ZeroArg = -1) {
  return BlockingEntry{Name, Cat, Alt, CFn, ZeroArg};
}

std::vector<BlockingEntry> makeBuiltins() {
  std::vector<BlockingEntry> E;
  // Sleeps.
  for (const char *N : {"std::this_thread::sleep_for", "std::this_thread::sleep_until"})
    E.push_back(entry(N, C::Sleep, AltSleep));
  for (const char *N : {"sleep", "usleep", "nanosleep", "clock_nanosleep"})
    E.push_back(entry(N, C::Sleep, AltSleep, /*CFn=*/true));
  // Waiting for other threads.
  for (const char *N :
       {"std::thread::join", "std::jthread::join", "std::future::get",
        "std::future::wait", "std::future::wait_for", "std::future::wait_until",
        "std::shared_future::get", "std::shared_future::wait",
        "std::shared_future::wait_for", "std::shared_future::wait_until",
        "std::condition_variable::wait", "std::condition_variable::wait_for",
        "std::condition_variable::wait_until", "std::condition_variable_any::wait",
        "std::condition_variable_any::wait_for",
        "std::condition_variable_any::wait_until",
        "std::counting_semaphore::acquire",
        "std::counting_semaphore::try_acquire_for",
        "std::counting_semaphore::try_acquire_until", "std::latch::wait",
        "std::latch::arrive_and_wait", "std::barrier::wait",
        "std::barrier::arrive_and_wait", "std::atomic::wait",
        "std::atomic_flag::wait", "std::atomic_ref::wait",
        "concur::Future::get", "concur::Future::wait", "concur::Event::wait",
        "concur::Semaphore::acquire", "concur::BoundedSemaphore::acquire",
        "concur::ThreadPool::shutdown"})
    E.push_back(entry(N, C::Wait, AltWait));
  for (const char *N : {"pthread_join", "pthread_cond_wait", "pthread_cond_timedwait",
                        "sem_wait", "sem_timedwait", "pthread_barrier_wait"})
    E.push_back(entry(N, C::Wait, AltWait, true));
  // Locks.
  for (const char *N :
       {"std::mutex::lock", "std::timed_mutex::lock", "std::timed_mutex::try_lock_for",
        "std::timed_mutex::try_lock_until", "std::recursive_mutex::lock",
        "std::recursive_timed_mutex::lock", "std::shared_mutex::lock",
        "std::shared_mutex::lock_shared", "std::shared_timed_mutex::lock",
        "std::shared_timed_mutex::lock_shared", "std::lock_guard::lock_guard",
        "std::scoped_lock::scoped_lock", "std::unique_lock::unique_lock",
        "std::unique_lock::lock", "std::shared_lock::shared_lock",
        "std::shared_lock::lock", "std::lock", "concur::Mutex::lock",
        "concur::RecursiveMutex::lock", "concur::SharedMutex::lock",
        "concur::SharedMutex::lock_shared"})
    E.push_back(entry(N, C::Lock, AltLock));
  for (const char *N : {"pthread_mutex_lock", "pthread_rwlock_rdlock",
                        "pthread_rwlock_wrlock", "pthread_spin_lock"})
    E.push_back(entry(N, C::Lock, AltLock, true));
  // Blocking I/O (C and POSIX).
  for (const char *N :
       {"read", "write", "pread", "pwrite", "readv", "writev", "recv", "recvfrom",
        "recvmsg", "send", "sendto", "sendmsg", "accept", "accept4", "connect",
        "select", "pselect", "fopen", "fread", "fwrite", "fgets", "fgetc", "getc",
        "getchar", "fputs", "fscanf", "scanf", "fflush", "getline", "getdelim",
        "fsync", "fdatasync", "getaddrinfo", "gethostbyname", "open", "openat"})
    E.push_back(entry(N, C::IO, AltIO, true));
  // A zero timeout makes these polls.
  E.push_back(entry("poll", C::IO, AltIO, true, /*ZeroArg=*/2));
  E.push_back(entry("ppoll", C::IO, AltIO, true));
  E.push_back(entry("epoll_wait", C::IO, AltIO, true, 3));
  E.push_back(entry("epoll_pwait", C::IO, AltIO, true, 3));
  E.push_back(entry("std::getline", C::IO, AltIO));
  // Processes.
  for (const char *N : {"system", "popen", "pclose", "waitpid", "wait", "waitid"})
    E.push_back(entry(N, C::Process, AltProcess, true));
  E.push_back(entry("std::system", C::Process, AltProcess));
  return E;
}

bool isSystemOrExternC(const FunctionDecl *F) {
  if (F->isExternC())
    return true;
  return F->getASTContext().getSourceManager().isInSystemHeader(F->getLocation());
}

/// Lock constructors that do not acquire: defer_lock / try_to_lock / adopt_lock.
bool hasLockTagArgument(const CXXConstructExpr *CE) {
  for (const Expr *Arg : CE->arguments()) {
    const CXXRecordDecl *RD = classOfType(Arg->getType());
    if (!RD)
      continue;
    llvm::StringRef N = RD->getName();
    if (N == "defer_lock_t" || N == "try_to_lock_t" || N == "adopt_lock_t")
      return true;
  }
  return false;
}

bool argIsZero(const CallExpr *CE, int Index) {
  if (Index < 0 || static_cast<unsigned>(Index) >= CE->getNumArgs())
    return false;
  Expr::EvalResult R;
  const Expr *Arg = CE->getArg(Index)->IgnoreParenImpCasts();
  return Arg->EvaluateAsInt(R, CE->getCalleeDecl()->getASTContext()) &&
         R.Val.getInt().isZero();
}

bool isAnnotatedBlocking(const FunctionDecl *F) {
  for (const FunctionDecl *R : F->redecls())
    for (const auto *A : R->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation() == "concur::blocking")
        return true;
  return false;
}

} // namespace

llvm::ArrayRef<BlockingEntry> BlockingCallCatalog::builtinEntries() {
  static const std::vector<BlockingEntry> Builtins = makeBuiltins();
  return Builtins;
}

BlockingCallCatalog::BlockingCallCatalog(llvm::StringRef Extra,
                                         llvm::StringRef AllowedList)
    : AnnotatedEntry{"", BlockingCategory::Annotated, AltAnnotated} {
  for (const BlockingEntry &E : builtinEntries())
    Entries[E.Name] = E;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Extra.split(Parts, ';', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Parts) {
    auto [Name, Cat] = P.trim().split('=');
    BlockingCategory Category = BlockingCategory::Annotated;
    for (BlockingCategory C : {C::Sleep, C::Wait, C::Lock, C::IO, C::Process})
      if (Cat.trim().equals_insensitive(categoryName(C)) ||
          (C == C::IO && Cat.trim().equals_insensitive("io")) ||
          (C == C::Wait && Cat.trim().equals_insensitive("wait")) ||
          (C == C::Lock && Cat.trim().equals_insensitive("lock")) ||
          (C == C::Process && Cat.trim().equals_insensitive("process")))
        Category = C;
    Name = Name.trim().ltrim(':');
    if (!Name.empty())
      Entries[Name] = BlockingEntry{Name.str(), Category, alternativeFor(Category)};
  }
  Parts.clear();
  AllowedList.split(Parts, ';', -1, false);
  for (llvm::StringRef P : Parts)
    if (!P.trim().empty())
      Allowed.insert(P.trim().ltrim(':'));
}

const BlockingEntry *BlockingCallCatalog::lookup(llvm::StringRef Name) const {
  if (Allowed.contains(Name))
    return nullptr;
  auto It = Entries.find(Name);
  return It == Entries.end() ? nullptr : &It->second;
}

const BlockingEntry *BlockingCallCatalog::classify(const CallSite &Call) const {
  const FunctionDecl *F = Call.Callee;
  if (!F)
    return nullptr;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Call.Call))
    if (hasLockTagArgument(CE))
      return nullptr;

  const BlockingEntry *Found = nullptr;
  std::string Generic = genericName(F);
  if (Allowed.contains(Generic))
    return nullptr;
  if (const auto *M = dyn_cast<CXXMethodDecl>(F)) {
    // Prefer the class the user named (std::future) over the base that
    // declares the member (std::__basic_future).
    if (Call.ObjectClass) {
      std::string ViaObject =
          genericName(Call.ObjectClass) + "::" + M->getNameAsString();
      if (isa<CXXConstructorDecl>(M))
        ViaObject = genericName(Call.ObjectClass) + "::" +
                    Call.ObjectClass->getNameAsString();
      Found = lookup(ViaObject);
      if (!Found && Allowed.contains(ViaObject))
        return nullptr;
    }
    if (!Found)
      Found = lookup(Generic);
  } else {
    Found = lookup(Generic);
    if (Found && Found->CFunction && !isSystemOrExternC(F))
      Found = nullptr;
  }
  if (Found && Found->NonBlockingIfZeroArg >= 0)
    if (const auto *CE = dyn_cast<CallExpr>(Call.Call))
      if (argIsZero(CE, Found->NonBlockingIfZeroArg))
        return nullptr;
  if (!Found && isAnnotatedBlocking(F))
    return &AnnotatedEntry;
  return Found;
}

} // namespace concur
