// Unit tests of the race-side model: flow-sensitive locksets (try_lock
// branches, unique_lock unlock/relock, shared vs exclusive holds, callee
// summaries) and shared accesses (what is shared, with which locks, which
// spawns run where), on small programs parsed in memory.
#include "ParsedModel.h"
#include "model/Locksets.h"
#include "model/SharedAccesses.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace concur;

namespace {

using concur::testing::parseModel;

const FunctionDecl *function(ConcurrencyModel &M, llvm::StringRef Name) {
  return concur::testing::findFunction(M, Name);
}

unsigned lineOf(ConcurrencyModel &M, const Expr *E) {
  return M.astContext().getSourceManager().getExpansionLineNumber(E->getExprLoc());
}

/// "line:kind:locks" for each access of \p F to \p Name, in source order,
/// e.g. "5:W:m" (a write on line 5 with m held) or "7:R:" (a bare read);
/// shared holds are marked "m(s)".
std::vector<std::string> accessesTo(ConcurrencyModel &M, const FunctionDecl *F,
                                    llvm::StringRef Name) {
  std::vector<std::pair<unsigned, std::string>> Rows;
  for (const Access &A : M.analysis<SharedAccesses>().of(F).All) {
    if (A.Loc.name() != Name)
      continue;
    std::string Row = std::to_string(lineOf(M, A.Site)) + ":";
    Row += A.Kind == AccessKind::Read ? "R" : A.Kind == AccessKind::Write ? "W" : "U";
    Row += ":";
    for (const HeldLock &H : A.Held) {
      Row += H.Id.Decl->getNameAsString();
      if (H.Mode == LockMode::Shared)
        Row += "(s)";
    }
    Rows.push_back({lineOf(M, A.Site), Row});
  }
  llvm::stable_sort(Rows, [](const auto &X, const auto &Y) { return X.first < Y.first; });
  std::vector<std::string> Out;
  for (auto &R : Rows)
    Out.push_back(R.second);
  return Out;
}

using Rows = std::vector<std::string>;

} // namespace

TEST(RacesLocksets, TryLockHoldsOnlyOnItsSuccessBranch) {
  auto P = parseModel(R"(
    #include <mutex>
    #include <pthread.h>
    std::mutex m;
    pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
    int x;
    void f() {
      if (m.try_lock()) {
        x = 1;
        m.unlock();
      } else {
        x = 2;
      }
      if (!m.try_lock()) return;
      x = 3;
      m.unlock();
      if (pthread_mutex_trylock(&pm) == 0) {
        x = 4;
        pthread_mutex_unlock(&pm);
      }
      x = 5;
    }
  )");
  EXPECT_EQ(accessesTo(*P.Model, function(*P.Model, "f"), "x"),
            (Rows{"9:W:m", "12:W:", "15:W:m", "18:W:pm", "21:W:"}));
}

TEST(RacesLocksets, UniqueLockFollowsUnlockRelockAndDeferral) {
  auto P = parseModel(R"(
    #include <mutex>
    std::mutex m;
    int x;
    void f(bool c) {
      std::unique_lock<std::mutex> lk(m);
      x = 1;
      lk.unlock();
      x = 2;
      lk.lock();
      x = 3;
      if (c) lk.unlock();
      x = 4;
    }
    void g() {
      std::unique_lock<std::mutex> lk(m, std::defer_lock);
      x = 5;
      lk.lock();
      x = 6;
      std::unique_lock<std::mutex> tl(m, std::try_to_lock);
    }
    void h() {
      std::unique_lock<std::mutex> lk(m, std::try_to_lock);
      if (lk.owns_lock()) x = 7;
      else x = 8;
    }
  )");
  EXPECT_EQ(accessesTo(*P.Model, function(*P.Model, "f"), "x"),
            (Rows{"7:W:m", "9:W:", "11:W:m", "13:W:"}));
  EXPECT_EQ(accessesTo(*P.Model, function(*P.Model, "g"), "x"), (Rows{"17:W:", "19:W:m"}));
  EXPECT_EQ(accessesTo(*P.Model, function(*P.Model, "h"), "x"), (Rows{"24:W:m", "25:W:"}));
}

TEST(RacesLocksets, SharedAndExclusiveHolds) {
  auto P = parseModel(R"(
    #include <mutex>
    #include <shared_mutex>
    std::shared_mutex rw;
    int x;
    int reader() { std::shared_lock<std::shared_mutex> r(rw); return x; }
    void writer() { std::unique_lock<std::shared_mutex> w(rw); x = 1; }
    void manual() { rw.lock_shared(); int v = x; rw.unlock_shared(); rw.lock(); x = v; rw.unlock(); }
  )");
  ConcurrencyModel &M = *P.Model;
  EXPECT_EQ(accessesTo(M, function(M, "reader"), "x"), (Rows{"6:R:rw(s)"}));
  EXPECT_EQ(accessesTo(M, function(M, "writer"), "x"), (Rows{"7:W:rw"}));
  EXPECT_EQ(accessesTo(M, function(M, "manual"), "x"), (Rows{"8:R:rw(s)", "8:W:rw"}));

  // Two readers do not exclude each other; a reader and a writer do.
  const Access &Read = M.analysis<SharedAccesses>().of(function(M, "reader")).All.front();
  const Access &Write = M.analysis<SharedAccesses>().of(function(M, "writer")).All.front();
  EXPECT_EQ(commonExclusion(Read.Held, Read.Held), nullptr);
  ASSERT_NE(commonExclusion(Read.Held, Write.Held), nullptr);
  EXPECT_EQ(commonExclusion(Read.Held, Write.Held)->Id.name(), "rw");
}

TEST(RacesLocksets, CalleeSummariesAcquireAndRelease) {
  auto P = parseModel(R"(
    #include <mutex>
    std::mutex m;
    int x;
    void lock_all() { m.lock(); }
    void unlock_all() { m.unlock(); }
    void set() { x = 1; }
    void f() {
      lock_all();
      x = 2;
      set();
      unlock_all();
      x = 3;
    }
  )");
  ConcurrencyModel &M = *P.Model;
  Locksets &L = M.analysis<Locksets>();
  const LockSummary &S = L.of(function(M, "lock_all")).summary();
  ASSERT_EQ(S.Acquired.size(), 1u);
  EXPECT_EQ(S.Acquired.front().Id.name(), "m");
  EXPECT_EQ(L.of(function(M, "unlock_all")).summary().Released.size(), 1u);
  // set()'s write is lifted into f under the lock held at the call.
  EXPECT_EQ(accessesTo(M, function(M, "f"), "x"), (Rows{"7:W:m", "10:W:m", "13:W:"}));
}

TEST(RacesSharedAccesses, WhatIsShared) {
  auto P = parseModel(R"(
    #include <atomic>
    #include <thread>
    int global;
    thread_local int per_thread;
    const int limit = 3;
    std::atomic<int> hits;
    struct S { int field; void touch() { field++; } };
    void f() {
      static int calls;
      int local = 0, captured = 0;
      global = 1; per_thread = 1; hits++; calls++; local++;
      std::thread t([&captured] { captured = 1; });
      captured = limit;
      t.join();
    }
  )");
  ConcurrencyModel &M = *P.Model;
  const FunctionDecl *F = function(M, "f");
  EXPECT_EQ(accessesTo(M, F, "global"), (Rows{"12:W:"}));
  EXPECT_EQ(accessesTo(M, F, "calls"), (Rows{"12:U:"}));
  EXPECT_TRUE(accessesTo(M, F, "per_thread").empty());
  EXPECT_TRUE(accessesTo(M, F, "hits").empty());
  EXPECT_TRUE(accessesTo(M, F, "limit").empty());
  EXPECT_TRUE(accessesTo(M, F, "local").empty());
  EXPECT_EQ(accessesTo(M, F, "captured"), (Rows{"14:W:"}));
  EXPECT_EQ(accessesTo(M, function(M, "S::touch"), "S::field"), (Rows{"8:U:"}));
}

TEST(RacesSharedAccesses, SpawnsRunFromSpawnToJoin) {
  auto P = parseModel(R"(
    #include <thread>
    int x;
    void work() { x = 1; }
    void f() {
      x = 0;
      std::thread a(work), b(work);
      x = 2;
      a.join();
      b.join();
      x = 3;
    }
    std::thread escape() { x = 4; return std::thread(work); }
    void detached() { std::thread t(work); t.detach(); }
  )");
  ConcurrencyModel &M = *P.Model;
  SharedAccesses &SA = M.analysis<SharedAccesses>();
  const FunctionAccesses &F = SA.of(function(M, "f"));
  ASSERT_EQ(F.WhileRunning.size(), 1u);
  EXPECT_EQ(lineOf(M, F.WhileRunning.front().A.Site), 8u);
  EXPECT_EQ(F.WhileRunning.front().Running.size(), 2u);
  EXPECT_TRUE(F.Escaping.empty());

  const std::vector<SpawnSite> &All = SA.spawns().all();
  ASSERT_EQ(All.size(), 4u);
  // `std::thread a(work), b(work);` binds each spawn to its own variable.
  EXPECT_EQ(SA.boundObject(0)->getName(), "a");
  EXPECT_EQ(SA.boundObject(1)->getName(), "b");
  EXPECT_TRUE(SA.concurrent(0, 1));
  EXPECT_FALSE(SA.concurrent(0, 0));
  // Returned: keeps running in the caller.
  EXPECT_TRUE(SA.spawnReturned(2));
  EXPECT_EQ(SA.of(function(M, "escape")).Escaping.size(), 1u);
  // Detached: its std::thread object is destroyed while the thread runs.
  EXPECT_NE(SA.abandonedAt(3), nullptr);
  EXPECT_EQ(SA.abandonedAt(0), nullptr);
}

TEST(RacesSharedAccesses, LocalsSharedWithSpawns) {
  auto P = parseModel(R"(
    #include <functional>
    #include <thread>
    void use(int &, int *);
    void f() {
      int a = 0, b = 0, c = 0, d = 0;
      std::thread t([&a, c](int &, int *) { (void)c; a = 1; }, std::ref(b), &d);
      t.join();
    }
  )");
  ConcurrencyModel &M = *P.Model;
  SharedAccesses &SA = M.analysis<SharedAccesses>();
  std::vector<std::string> Names;
  for (const SharedLocalUse &U : SA.sharedLocalsOf(0))
    Names.push_back(U.Var->getNameAsString() + (U.ByAddress ? "&" : ""));
  EXPECT_EQ(Names, (std::vector<std::string>{"a", "b", "d&"}));
}

TEST(RacesSharedAccesses, CallsCarryWhatPathsKnowOfGlobalsAndParameters) {
  auto P = parseModel(R"(
    enum { IDLE, READ };
    int mode;
    int commands, parsed, closed, drained;
    void run() { commands++; }
    void parse() {
      parsed++;
      if (mode != IDLE)
        return;
      run();
    }
    void close(bool async) {
      if (async)
        return;
      closed++;
    }
    void go_idle() { mode = IDLE; }
    void drain() {
      go_idle();
      if (mode == IDLE)
        drained++;
    }
    void io() {
      if (mode == READ) {
        parse();
        close(true);
        drain();
      }
    }
  )");
  ConcurrencyModel &M = *P.Model;
  // Inside parse(), run()'s write is known to need mode == IDLE.
  const FunctionDecl *Parse = function(M, "parse");
  EXPECT_EQ(accessesTo(M, Parse, "commands"), (Rows{"5:U:"}));
  for (const Access &A : M.analysis<SharedAccesses>().of(Parse).All)
    if (A.Loc.name() == "commands") {
      ASSERT_EQ(A.Conditions.size(), 1u);
      EXPECT_EQ(A.Conditions[0].Var->getName(), "mode");
      EXPECT_TRUE(A.Conditions[0].Equal);
      EXPECT_EQ(A.Conditions[0].Value, 0);
    }
  // From io(), under mode == READ, it never runs; nor does close()'s
  // synchronous branch with a constant `true`; drain() sets the mode
  // itself before its test, so its write stays.
  const FunctionDecl *Io = function(M, "io");
  EXPECT_TRUE(accessesTo(M, Io, "commands").empty());
  EXPECT_TRUE(accessesTo(M, Io, "closed").empty());
  EXPECT_EQ(accessesTo(M, Io, "parsed"), (Rows{"7:U:"}));
  EXPECT_EQ(accessesTo(M, Io, "drained"), (Rows{"21:U:"}));

  ValueFacts IsOne{{nullptr, 1, true}}, IsTwo{{nullptr, 2, true}}, NotOne{{nullptr, 1, false}};
  EXPECT_FALSE(conjoin(IsOne, IsTwo));
  EXPECT_FALSE(conjoin(IsOne, NotOne));
  ASSERT_TRUE(conjoin(IsTwo, NotOne));
  EXPECT_EQ(conjoin(IsTwo, NotOne)->size(), 2u);
}
