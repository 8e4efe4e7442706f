#include "BlockingCallCatalog.h"

#include "CallGraph.h"
#include "ExprWrappers.h"
#include "QualifiedNames.h"

#include "clang-tidy/utils/OptionsUtils.h"
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
    "co_await the result instead, or wait on a worker thread and co_await its completion";
constexpr const char *AltLock =
    "use a coroutine-aware mutex, or keep the critical section free of suspension points";
constexpr const char *AltIO =
    "use non-blocking I/O driven by the event loop, or make the call on a worker thread "
    "and co_await its result";
constexpr const char *AltProcess = "run it on a worker thread and co_await its result";
constexpr const char *AltAnnotated =
    "call it on a worker thread and co_await its result instead";

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

void add(std::vector<BlockingEntry> &E, std::initializer_list<const char *> Names,
         C Cat, const char *Alt, bool CFn = false, int ZeroArg = -1) {
  for (const char *N : Names)
    E.push_back(entry(N, Cat, Alt, CFn, ZeroArg));
}

std::vector<BlockingEntry> makeBuiltins() {
  std::vector<BlockingEntry> E;
  // Sleeps.
  add(E, {"std::this_thread::sleep_for", "std::this_thread::sleep_until",
          "concur::this_thread::sleep_for"},
      C::Sleep, AltSleep);
  add(E, {"sleep", "usleep", "nanosleep", "clock_nanosleep"}, C::Sleep, AltSleep,
      /*CFn=*/true);

  // Waiting for other threads. Timed waits with a zero timeout or a past
  // deadline only poll (`f.wait_for(0s) == std::future_status::ready`).
  add(E, {"std::thread::join", "std::jthread::join", "std::future::get",
          "std::future::wait", "std::shared_future::get", "std::shared_future::wait",
          "std::condition_variable::wait", "std::condition_variable_any::wait",
          "std::counting_semaphore::acquire", "std::latch::wait",
          "std::latch::arrive_and_wait", "std::barrier::wait",
          "std::barrier::arrive_and_wait", "std::atomic::wait",
          "std::atomic_flag::wait", "std::atomic_ref::wait"},
      C::Wait, AltWait);
  add(E, {"std::future::wait_for", "std::future::wait_until",
          "std::shared_future::wait_for", "std::shared_future::wait_until",
          "std::counting_semaphore::try_acquire_for",
          "std::counting_semaphore::try_acquire_until"},
      C::Wait, AltWait, false, /*ZeroArg=*/0);
  add(E, {"std::condition_variable::wait_for", "std::condition_variable::wait_until",
          "std::condition_variable_any::wait_for",
          "std::condition_variable_any::wait_until"},
      C::Wait, AltWait, false, 1);
  add(E, {"pthread_join", "pthread_cond_wait", "pthread_cond_timedwait", "sem_wait",
          "sem_timedwait", "sem_clockwait", "pthread_barrier_wait", "thrd_join", "cnd_wait",
          "cnd_timedwait"},
      C::Wait, AltWait, true);
  add(E, {"std::atomic_wait", "std::atomic_wait_explicit", "std::atomic_flag_wait",
          "std::atomic_flag_wait_explicit"},
      C::Wait, AltWait);

  // The concur runtime (runtime/include/concur): its blocking primitives,
  // the blocking side of its pools and a nested event loop.
  add(E, {"concur::Future::get", "concur::Future::wait", "concur::Future::exception",
          "concur::Event::wait", "concur::CondVar::wait", "concur::Semaphore::acquire",
          "concur::BoundedSemaphore::acquire", "concur::SemaphoreGuard::SemaphoreGuard",
          "concur::ThreadPool::shutdown", "concur::ThreadPool::map",
          "concur::AsCompleted::begin", "concur::AsCompleted::iterator::operator++",
          "concur::EventLoop::run", "concur::run", "concur::ProcessPool::map",
          "concur::ProcessPool::shutdown", "concur::Queue::get", "concur::Queue::put",
          "concur::Pipe::recv", "concur::Pipe::send"},
      C::Wait, AltWait);
  add(E, {"concur::Future::wait_for", "concur::Event::wait_for",
          "concur::Semaphore::try_acquire_for", "concur::BoundedSemaphore::try_acquire_for"},
      C::Wait, AltWait, false, 0);
  add(E, {"concur::CondVar::wait_for", "concur::CondVar::wait_until"}, C::Wait, AltWait,
      false, 1);

  // Locks (tolerated in coroutines by default, see ReportLockAcquisition).
  add(E, {"std::mutex::lock", "std::timed_mutex::lock", "std::recursive_mutex::lock",
          "std::recursive_timed_mutex::lock", "std::shared_mutex::lock",
          "std::shared_mutex::lock_shared", "std::shared_timed_mutex::lock",
          "std::shared_timed_mutex::lock_shared", "std::lock_guard::lock_guard",
          "std::scoped_lock::scoped_lock", "std::unique_lock::unique_lock",
          "std::unique_lock::lock", "std::shared_lock::shared_lock",
          "std::shared_lock::lock", "std::lock", "concur::Mutex::lock",
          "concur::RecursiveMutex::lock", "concur::SharedMutex::lock",
          "concur::SharedMutex::lock_shared", "concur::ScopedLock::ScopedLock",
          "concur::ReaderLock::ReaderLock"},
      C::Lock, AltLock);
  add(E, {"std::timed_mutex::try_lock_for", "std::timed_mutex::try_lock_until",
          "std::recursive_timed_mutex::try_lock_for",
          "std::recursive_timed_mutex::try_lock_until",
          "std::shared_timed_mutex::try_lock_for",
          "std::shared_timed_mutex::try_lock_until",
          "std::shared_timed_mutex::try_lock_shared_for",
          "std::shared_timed_mutex::try_lock_shared_until"},
      C::Lock, AltLock, false, 0);
  add(E, {"pthread_mutex_lock", "pthread_mutex_timedlock", "pthread_rwlock_rdlock",
          "pthread_rwlock_wrlock", "pthread_spin_lock"},
      C::Lock, AltLock, true);

  // Blocking I/O: POSIX descriptors, sockets, name resolution, C stdio.
  add(E, {"read", "write", "pread", "pwrite", "readv", "writev", "recv", "recvfrom",
          "recvmsg", "send", "sendto", "sendmsg", "accept", "accept4", "connect",
          "select", "pselect", "open", "openat", "creat", "fsync", "fdatasync",
          "sync", "getaddrinfo", "getnameinfo", "gethostbyname", "gethostbyaddr",
          "fopen", "freopen", "fclose", "fread", "fwrite", "fgets", "fgetc", "getc",
          "getchar", "gets", "fputs", "fputc", "putc", "fscanf", "scanf", "fflush",
          "getline", "getdelim", "flock", "lockf"},
      C::IO, AltIO, true);
  // A zero timeout makes these polls.
  E.push_back(entry("poll", C::IO, AltIO, true, /*ZeroArg=*/2));
  E.push_back(entry("ppoll", C::IO, AltIO, true));
  E.push_back(entry("epoll_wait", C::IO, AltIO, true, 3));
  E.push_back(entry("epoll_pwait", C::IO, AltIO, true, 3));
  // iostreams on files and on the terminal (see streamObjectName). String
  // streams and unknown `std::istream&` parameters are not entries.
  for (const char *Stream : {"std::basic_ifstream", "std::basic_fstream", "std::cin",
                             "std::wcin"})
    for (const char *Member :
         {"operator>>", "get", "getline", "read", "readsome", "ignore", "peek"})
      E.push_back(entry(Stream, C::IO, AltIO)), E.back().Name += std::string("::") + Member;
  for (const char *Stream : {"std::basic_ofstream", "std::basic_fstream"})
    for (const char *Member : {"operator<<", "put", "write", "flush"})
      E.push_back(entry(Stream, C::IO, AltIO)), E.back().Name += std::string("::") + Member;
  for (const char *Stream : {"std::basic_ifstream", "std::basic_ofstream",
                             "std::basic_fstream"}) {
    std::string Class = llvm::StringRef(Stream).rsplit(':').second.str();
    for (std::string Member : {std::string("open"), std::string("close"), Class})
      E.push_back(entry(Stream, C::IO, AltIO)), E.back().Name += "::" + Member;
  }

  // Processes.
  add(E, {"system", "popen", "pclose", "waitpid", "wait", "waitid", "wait3", "wait4"},
      C::Process, AltProcess, true);
  E.push_back(entry("std::system", C::Process, AltProcess));
  return E;
}

/// `std::cin` / `std::wcin` when \p Obj names one of them, else empty.
std::string terminalStreamName(const Expr *Obj) {
  if (!Obj)
    return {};
  const auto *DRE = dyn_cast<DeclRefExpr>(Obj->IgnoreParenImpCasts());
  if (!DRE || !isa<VarDecl>(DRE->getDecl()))
    return {};
  std::string Name = genericName(DRE->getDecl());
  return Name == "std::cin" || Name == "std::wcin" ? Name : std::string();
}

/// The object a stream operation works on: the implicit object of a member
/// call, or the first argument of `operator>>`, `operator<<`, `getline`.
const Expr *streamOperand(const CallSite &Call) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call.Call))
    return MC->getImplicitObjectArgument();
  if (const auto *CE = dyn_cast<CallExpr>(Call.Call))
    if (CE->getNumArgs() > 0)
      return CE->getArg(0);
  return nullptr;
}

/// Whether \p E is a string constant naming a file of a kernel
/// pseudo-filesystem (/proc, /sys): the kernel makes up its contents on
/// the spot, so opening or reading one waits for no device or peer.
bool isPseudoFilePath(const Expr *E) {
  const auto *Lit = E ? dyn_cast<StringLiteral>(E->IgnoreParenImpCasts()) : nullptr;
  if (!Lit || Lit->getCharByteWidth() != 1)
    return false;
  llvm::StringRef Path = Lit->getString();
  return Path.starts_with("/proc/") || Path.starts_with("/sys/");
}

/// Whether \p Call works on a pseudo-filesystem file: it opens one by its
/// path (`std::ifstream in("/proc/self/status")`, `fopen("/proc/...")`),
/// or works on a local stream opened so (`std::getline(in, line)`,
/// `fgets(buf, n, f)` on `FILE *f = fopen("/proc/...")`).
/// Whether \p E names a local stream or FILE opened on a pseudo-filesystem
/// file by its initialiser.
bool openedOnPseudoFile(const Expr *E) {
  const auto *Ref = E ? dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage() || !V->getInit())
    return false;
  const Expr *Init = ignoreValueWrappers(V->getInit())->IgnoreParenImpCasts();
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Init))
    return CE->getNumArgs() > 0 && isPseudoFilePath(CE->getArg(0));
  const auto *Open = dyn_cast<CallExpr>(Init); // FILE *f = fopen("/proc/...", "r")
  return Open && Open->getNumArgs() > 0 && isPseudoFilePath(Open->getArg(0));
}

/// Whether \p Call works on a pseudo-filesystem file: it opens one by its
/// path (`std::ifstream in("/proc/self/status")`, `fopen("/proc/...")`,
/// `in.open("/sys/...")`), or works on a local stream opened so
/// (`std::getline(in, line)`, `fgets(buf, n, f)`).
bool onPseudoFile(const CallSite &Call) {
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Call.Call))
    return CE->getNumArgs() > 0 && isPseudoFilePath(CE->getArg(0));
  const auto *C = dyn_cast<CallExpr>(Call.Call);
  if (!C)
    return false;
  if (C->getNumArgs() > 0 && isPseudoFilePath(C->getArg(0)))
    return true;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
    return openedOnPseudoFile(MC->getImplicitObjectArgument());
  return llvm::any_of(C->arguments(), openedOnPseudoFile);
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

/// Whether a constant is "no wait": an integer 0, or a duration / time
/// point (a class holding one count) that is zero or negative.
bool isNoWaitValue(const APValue &V, bool InClass) {
  if (V.isInt())
    return InClass ? !V.getInt().isStrictlyPositive() : V.getInt().isZero();
  if (V.isFloat())
    return InClass && (V.getFloat().isZero() || V.getFloat().isNegative());
  if (V.isStruct()) {
    if (V.getStructNumBases() + V.getStructNumFields() == 0)
      return false;
    for (unsigned I = 0; I < V.getStructNumBases(); ++I)
      if (!isNoWaitValue(V.getStructBase(I), true))
        return false;
    for (unsigned I = 0; I < V.getStructNumFields(); ++I)
      if (!isNoWaitValue(V.getStructField(I), true))
        return false;
    return true;
  }
  return false;
}

bool argIsNoWait(const CallExpr *CE, int Index) {
  if (Index < 0 || static_cast<unsigned>(Index) >= CE->getNumArgs())
    return false;
  // `wait_for(0s)` binds a const reference to a materialised temporary.
  const Expr *Arg = ignoreValueWrappers(CE->getArg(Index));
  if (Arg->isValueDependent() || Arg->isTypeDependent())
    return false;
  Expr::EvalResult R;
  if (!Arg->EvaluateAsRValue(R, CE->getCalleeDecl()->getASTContext()))
    return false;
  return isNoWaitValue(R.Val, /*InClass=*/false);
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
  for (llvm::StringRef P : clang::tidy::utils::options::parseStringList(Extra)) {
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
  for (llvm::StringRef P : clang::tidy::utils::options::parseStringList(AllowedList))
    Allowed.insert(P.ltrim(':'));
}

const BlockingEntry *BlockingCallCatalog::lookup(llvm::StringRef Name) const {
  if (Allowed.contains(Name))
    return nullptr;
  auto It = Entries.find(Name);
  return It == Entries.end() ? nullptr : &It->second;
}

const BlockingEntry *BlockingCallCatalog::classify(const CallSite &Call) const {
  const BlockingEntry *Found = entryFor(Call);
  if (Found && Found->Category == BlockingCategory::IO && onPseudoFile(Call))
    return nullptr;
  return Found;
}

const BlockingEntry *BlockingCallCatalog::entryFor(const CallSite &Call) const {
  const FunctionDecl *F = Call.Callee;
  if (!F)
    return nullptr;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Call.Call))
    // Deferred locks and default-constructed (unopened) streams wait for nothing.
    if (hasLockTagArgument(CE) || CE->getNumArgs() == 0)
      return nullptr;

  const BlockingEntry *Found = nullptr;
  std::string Generic = genericName(F);
  if (Allowed.contains(Generic))
    return nullptr;
  // iostreams: the stream object decides (std::cin, a file stream).
  if (const Expr *Stream = streamOperand(Call)) {
    std::string StreamName = terminalStreamName(Stream);
    bool StreamFunction = isa<CXXMethodDecl>(F) ||
                          Generic == "std::operator>>" || Generic == "std::operator<<" ||
                          Generic == "std::getline";
    if (StreamName.empty() && !isa<CXXMethodDecl>(F) && StreamFunction)
      if (const CXXRecordDecl *RD =
              classOfType(Stream->IgnoreParenImpCasts()->getType()))
        StreamName = genericName(RD);
    if (!StreamName.empty() && StreamFunction) {
      std::string Name = StreamName + "::" + F->getNameAsString();
      if (Allowed.contains(Name))
        return nullptr;
      if (const BlockingEntry *E = lookup(Name))
        return E;
    }
  }

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
      if (argIsNoWait(CE, Found->NonBlockingIfZeroArg))
        return nullptr;
  if (!Found && isAnnotatedBlocking(F))
    return &AnnotatedEntry;
  return Found;
}

} // namespace concur
