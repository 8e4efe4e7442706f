// Unit tests of the coroutine-side model: the blocking-call catalog's docs
// table, awaitable-type classification, future readiness and suspension
// points.
//
// docs/blocking-call-catalog.md is generated from
// BlockingCallCatalog::builtinEntries() by this binary:
//   CONCUR_WRITE_CATALOG_DOC=docs/blocking-call-catalog.md concur_model_tests
// and CatalogDocs.TableMatchesBuiltins fails when the two drift apart.
#include "ParsedModel.h"
#include "model/Awaitables.h"
#include "model/BlockingCallCatalog.h"
#include "model/ConcurrencyModel.h"
#include "model/FutureReadiness.h"
#include "model/QualifiedNames.h"
#include "model/SuspensionPoints.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>

using namespace clang;
using namespace concur;

namespace {

std::string catalogMarkdown() {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "# Blocking-call catalog\n\n"
     << "<!-- Generated from BlockingCallCatalog::builtinEntries() by\n"
     << "     CONCUR_WRITE_CATALOG_DOC=docs/blocking-call-catalog.md "
        "build/bin/concur_model_tests --gtest_filter=CatalogDocs.*;\n"
     << "     test/unit/CoroutinesModelTest.cpp fails when it is stale. -->\n\n"
     << "The calls concur treats as blocking (concur-blocking-call-in-coroutine,\n"
     << "and the lock and pool checks that reuse the catalog). Extend it with the\n"
     << "`BlockingFunctions` option (`name[=sleep|wait|lock|io|process]`, `;`-separated),\n"
     << "shrink it with `AllowedFunctions`, or mark a function in source with\n"
     << "`[[clang::annotate(\"concur::blocking\")]]` (`CONCUR_BLOCKING` in\n"
     << "`concur/annotations.h`).\n\n"
     << "How names match: `Class::member` entries match calls on any\n"
     << "specialization of the class, also when the library declares the member\n"
     << "in a private base; *C function* entries match only the C/POSIX function,\n"
     << "never a user's C++ function of the same name; stream entries\n"
     << "(`std::cin::...`, `std::basic_ifstream::...`) match operations on that\n"
     << "stream object (member calls and the free `operator>>`, `operator<<`,\n"
     << "`std::getline`), never string streams or an `std::istream&` of unknown\n"
     << "origin. `try_lock`, `try_acquire` and other untimed `try_*` calls are\n"
     << "not entries: they never block. A timed call is non-blocking when the\n"
     << "argument named in the last column is a constant zero (a zero duration, or a\n"
     << "time point at or before the clock's epoch). File I/O on the kernel's\n"
     << "pseudo-filesystems is not blocking: a constant `/proc/...` or `/sys/...`\n"
     << "path opened (`std::ifstream`, `fopen`, `open`), and a local stream or\n"
     << "`FILE *` whose initialiser opened one (the kernel makes the contents up\n"
     << "when they are read; no disk or peer is waited for).\n\n";
  BlockingCategory Order[] = {BlockingCategory::Sleep, BlockingCategory::Wait,
                              BlockingCategory::Lock, BlockingCategory::IO,
                              BlockingCategory::Process};
  for (BlockingCategory Cat : Order) {
    const BlockingEntry *First = nullptr;
    for (const BlockingEntry &E : BlockingCallCatalog::builtinEntries())
      if (E.Category == Cat && !First)
        First = &E;
    if (!First)
      continue;
    OS << "## " << categoryName(Cat) << "\n\n";
    std::map<std::string, std::string> Alternatives;
    for (const BlockingEntry &E : BlockingCallCatalog::builtinEntries())
      if (E.Category == Cat)
        Alternatives[E.Alternative];
    for (auto &[Alt, Unused] : Alternatives)
      OS << "Suggested instead: " << Alt << ".\n\n";
    OS << "| call | kind | non-blocking when |\n|---|---|---|\n";
    for (const BlockingEntry &E : BlockingCallCatalog::builtinEntries()) {
      if (E.Category != Cat)
        continue;
      OS << "| `" << E.Name << "` | " << (E.CFunction ? "C function" : "C++") << " | ";
      if (E.NonBlockingIfZeroArg >= 0)
        OS << "argument " << E.NonBlockingIfZeroArg + 1 << " is zero";
      OS << " |\n";
    }
    OS << "\n";
  }
  return Out;
}

} // namespace

TEST(CatalogDocs, TableMatchesBuiltins) {
  std::string Expected = catalogMarkdown();
  if (const char *Path = std::getenv("CONCUR_WRITE_CATALOG_DOC")) {
    std::ofstream(Path) << Expected;
    return;
  }
  auto Doc = llvm::MemoryBuffer::getFile(CONCUR_SOURCE_DIR "/docs/blocking-call-catalog.md");
  ASSERT_TRUE(static_cast<bool>(Doc)) << "docs/blocking-call-catalog.md is missing";
  EXPECT_EQ((*Doc)->getBuffer().str(), Expected)
      << "docs/blocking-call-catalog.md is stale: regenerate it (see the file's header)";
}

TEST(CatalogDocs, EveryEntryHasAnAlternativeAndIsUnique) {
  std::map<std::string, int> Seen;
  for (const BlockingEntry &E : BlockingCallCatalog::builtinEntries()) {
    EXPECT_FALSE(E.Alternative.empty()) << E.Name;
    EXPECT_EQ(++Seen[E.Name], 1) << "duplicate catalog entry " << E.Name;
  }
  for (const char *Required :
       {"std::this_thread::sleep_for", "std::future::get", "std::latch::wait",
        "std::counting_semaphore::acquire", "std::atomic::wait", "poll", "epoll_wait",
        "fopen", "std::cin::operator>>", "std::basic_ifstream::getline", "getaddrinfo",
        "system", "popen", "waitpid", "concur::Future::get", "concur::Mutex::lock"})
    EXPECT_EQ(Seen.count(Required), 1u) << Required;
}

namespace {

using ParsedTU = concur::testing::ParsedModel;
using concur::testing::parseModel;

const CXXRecordDecl *record(ASTContext &Ctx, llvm::StringRef Name) {
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
      if (RD->getName() == Name && RD->isThisDeclarationADefinition())
        return RD;
  return nullptr;
}

const char *TaskKinds = R"(
  #include <coroutine>
  struct Lazy { struct promise_type {
      Lazy get_return_object(); std::suspend_always initial_suspend() noexcept;
      std::suspend_always final_suspend() noexcept; void return_void();
      void unhandled_exception(); }; };
  struct Eager { struct promise_type {
      Eager get_return_object(); std::suspend_never initial_suspend() noexcept;
      std::suspend_never final_suspend() noexcept; void return_void();
      void unhandled_exception(); }; };
  struct Ready { bool await_ready() const noexcept { return true; }
                 void await_suspend(std::coroutine_handle<>) const noexcept {}
                 void await_resume() const noexcept {} };
  struct EagerCustom { struct promise_type {
      EagerCustom get_return_object(); Ready initial_suspend() noexcept;
      std::suspend_never final_suspend() noexcept; void return_void();
      void unhandled_exception(); }; };
  struct Base { bool await_ready(); void await_suspend(std::coroutine_handle<>); int await_resume(); };
  struct Awaiter : Base {};
  struct ViaOperator { Ready operator co_await(); };
  struct Gen { struct promise_type {}; int *begin(); int *end(); };
  struct Plain { int x; };
)";

} // namespace

TEST(Awaitables, ClassifiesTaskKinds) {
  auto P = parseModel(TaskKinds);
  ASTContext &Ctx = P.AST->getASTContext();
  Awaitables &A = P.Model->analysis<Awaitables>();
  EXPECT_EQ(A.kindOf(record(Ctx, "Lazy")), AwaitableKind::LazyTask);
  EXPECT_EQ(A.kindOf(record(Ctx, "Eager")), AwaitableKind::EagerTask);
  EXPECT_EQ(A.kindOf(record(Ctx, "EagerCustom")), AwaitableKind::EagerTask);
  EXPECT_EQ(A.kindOf(record(Ctx, "Awaiter")), AwaitableKind::Awaiter);
  EXPECT_EQ(A.kindOf(record(Ctx, "ViaOperator")), AwaitableKind::Awaiter);
  EXPECT_EQ(A.kindOf(record(Ctx, "Gen")), AwaitableKind::Generator);
  EXPECT_EQ(A.kindOf(record(Ctx, "Plain")), AwaitableKind::None);
  EXPECT_NE(Awaitables::initialSuspend(record(Ctx, "Lazy")), nullptr);
}

namespace {

using concur::testing::findFunction;

/// The `get` calls of a function, in source order.
std::vector<const CXXMemberCallExpr *> getCalls(const FunctionDecl *F) {
  struct Finder : RecursiveASTVisitor<Finder> {
    std::vector<const CXXMemberCallExpr *> Found;
    bool VisitCXXMemberCallExpr(CXXMemberCallExpr *MC) {
      if (MC->getMethodDecl() && MC->getMethodDecl()->getName() == "get")
        Found.push_back(MC);
      return true;
    }
  } Finder;
  Finder.TraverseStmt(F->getBody());
  return Finder.Found;
}

} // namespace

TEST(FutureReadiness, ReadyOnlyOnTheEdgeWhereTheTestSucceeded) {
  auto P = parseModel(R"(
    #include <chrono>
    #include <future>
    using namespace std::chrono_literals;
    int f(std::future<int> a, std::future<int> b, bool c) {
      int s = 0;
      if (a.wait_for(0s) == std::future_status::ready)
        s += a.get();                                   // 0: ready
      s += a.get();                                     // 1: not on every path
      if (c || b.wait_for(0s) != std::future_status::ready)
        return s;
      s += b.get();                                     // 2: ready
      b = std::move(a);
      return s + b.get();                               // 3: replaced
    }
  )");
  const FunctionDecl *F = findFunction(*P.Model, "f");
  ASSERT_NE(F, nullptr);
  auto Gets = getCalls(F);
  ASSERT_EQ(Gets.size(), 4u);
  FutureReadiness &R = P.Model->analysis<FutureReadiness>();
  EXPECT_TRUE(R.isKnownReady(F, Gets[0]));
  EXPECT_FALSE(R.isKnownReady(F, Gets[1]));
  EXPECT_TRUE(R.isKnownReady(F, Gets[2]));
  EXPECT_FALSE(R.isKnownReady(F, Gets[3]));
}

TEST(SuspensionPoints, UserAwaitsAndYieldsOnlyLocatedAtAwaitSuspend) {
  auto P = parseModel(R"(
    #include <coroutine>
    struct Task { struct promise_type {
        Task get_return_object() { return {}; }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        std::suspend_always yield_value(int) noexcept { return {}; }
        void return_void() {} void unhandled_exception() {} }; };
    struct Value { bool await_ready() { return false; }
                   void await_suspend(std::coroutine_handle<>) {}
                   int await_resume() { return 1; } };
    Task f(bool c) {
      co_await std::suspend_always{};        // 0: statement
      int x = co_await Value{};              // 1: initialiser
      x = co_await Value{};                  // 2: assignment
      if (co_await Value{})                  // 3: condition
        co_yield x;                          // 4: yield
      auto later = []() -> Task { co_await std::suspend_always{}; }; // its own
      (void)later;
    }
  )");
  const FunctionDecl *F = findFunction(*P.Model, "f");
  ASSERT_NE(F, nullptr);
  llvm::ArrayRef<SuspensionPoint> Points = P.Model->analysis<SuspensionPoints>().of(F);
  ASSERT_EQ(Points.size(), 5u);
  for (size_t I = 0; I < Points.size(); ++I) {
    EXPECT_EQ(Points[I].IsYield, I == 4) << I;
    const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Points[I].SuspendsAt);
    ASSERT_NE(Call, nullptr) << I;
    EXPECT_EQ(Call->getMethodDecl()->getName(), "await_suspend") << I;
  }
  // The lambda's co_await belongs to the lambda, which is a coroutine too.
  for (const FunctionDecl *G : P.Model->index().coroutines())
    if (G != F)
      EXPECT_EQ(P.Model->analysis<SuspensionPoints>().of(G).size(), 1u);
  // Not a coroutine: nothing.
  const FunctionDecl *Plain = findFunction(*P.Model, "Value::await_ready");
  ASSERT_NE(Plain, nullptr);
  EXPECT_TRUE(P.Model->analysis<SuspensionPoints>().of(Plain).empty());
}
