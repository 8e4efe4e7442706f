// Unit tests of the lock-side model: per-function acquisitions through
// callees, the lock-order graph (stable lock names, edge sites, cycles),
// thread contexts and condition-variable waits.
#include "ParsedModel.h"

#include "model/ConditionWaits.h"
#include "model/LockAcquisitions.h"
#include "model/LockOrderGraph.h"
#include "model/ThreadContexts.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace concur;
using namespace concur::testing;

namespace {

unsigned lineOf(ConcurrencyModel &M, const Expr *E) {
  return M.astContext().getSourceManager().getSpellingLineNumber(E->getBeginLoc());
}

} // namespace

TEST(LockAcquisitions, ReachesLocksThroughCalleesWithTheChain) {
  auto P = parseModel(R"(
    #include <mutex>
    std::mutex a, b;
    void inner() { std::lock_guard<std::mutex> g(b); }
    void middle() { inner(); }
    void outer() {
      std::lock_guard<std::mutex> g(a);
      middle();
    }
  )");
  auto &Acq = P.Model->analysis<LockAcquisitions>();
  const FunctionAcquisitions &Outer = Acq.of(findFunction(*P.Model, "outer"));
  ASSERT_EQ(Outer.Direct.size(), 1u);
  EXPECT_EQ(Outer.Direct[0].What.Id.name(), "a");
  EXPECT_TRUE(Outer.Direct[0].HeldBefore.empty());
  ASSERT_EQ(Outer.Reached.size(), 2u);
  EXPECT_EQ(Outer.Reached[1].Id.name(), "b");
  ASSERT_EQ(Outer.Reached[1].Chain.size(), 2u); // outer -> middle -> inner
  EXPECT_EQ(displayName(Outer.Reached[1].In), "inner");
}

TEST(LockAcquisitions, CalleeParameterLocksBecomeTheCallersArguments) {
  auto P = parseModel(R"(
    #include <mutex>
    std::mutex m;
    void take(std::mutex &which) { which.lock(); which.unlock(); }
    void caller() { take(m); }
  )");
  auto &Acq = P.Model->analysis<LockAcquisitions>();
  const FunctionAcquisitions &Caller = Acq.of(findFunction(*P.Model, "caller"));
  ASSERT_EQ(Caller.Reached.size(), 1u);
  EXPECT_EQ(Caller.Reached[0].Id.name(), "m");
}

TEST(LockAcquisitions, SameObjectTellsFieldsOfTwoObjectsApart) {
  auto P = parseModel(R"(
    #include <mutex>
    struct Account { std::mutex mu; };
    void two(Account &x, Account &y) { x.mu.lock(); y.mu.lock(); x.mu.lock(); }
  )");
  auto &Acq = P.Model->analysis<LockAcquisitions>();
  const auto &Direct = Acq.of(findFunction(*P.Model, "two")).Direct;
  ASSERT_EQ(Direct.size(), 3u);
  EXPECT_FALSE(sameMutexObject(Direct[0].What.MutexExpr, {}, Direct[1].What.MutexExpr, {}));
  EXPECT_TRUE(sameMutexObject(Direct[0].What.MutexExpr, {}, Direct[2].What.MutexExpr, {}));
}

TEST(LockOrderGraph, EdgesCarryStableNamesAndSites) {
  auto P = parseModel(R"(
    #include <mutex>
    namespace bank { std::mutex ledger; }
    struct Vault { std::mutex door; void open(); };
    void Vault::open() {
      std::lock_guard<std::mutex> l(bank::ledger);
      std::lock_guard<std::mutex> d(door);
    }
    void local() {
      static std::mutex once;
      std::lock_guard<std::mutex> o(once);
      std::lock_guard<std::mutex> l(bank::ledger);
    }
    Vault vault;
    void together() { std::scoped_lock both(bank::ledger, vault.door); }
  )");
  const auto &G = P.Model->analysis<LockOrderGraph>();
  ASSERT_EQ(G.edges().size(), 2u);
  const LockOrderEdge &E0 = G.edges()[0];
  EXPECT_EQ(E0.From, "bank::ledger");
  EXPECT_EQ(E0.To, "Vault::door");
  EXPECT_EQ(displayName(E0.Function), "Vault::open");
  ASSERT_TRUE(E0.HeldVia.has_value());
  EXPECT_EQ(lineOf(*P.Model, E0.HeldVia->Site), 6u);
  EXPECT_EQ(lineOf(*P.Model, E0.Acquired.Site), 7u);
  EXPECT_EQ(G.edges()[1].From, "local::once");
  EXPECT_EQ(G.edges()[1].To, "bank::ledger");
  EXPECT_TRUE(G.cycles().empty());
  EXPECT_EQ(G.edgesFrom("bank::ledger").size(), 1u);
}

TEST(LockOrderGraph, FindsTwoAndThreeLockCycles) {
  auto P = parseModel(R"(
    #include <mutex>
    std::mutex a, b, c, x, y;
    void ab() { std::lock_guard<std::mutex> g(a); std::lock_guard<std::mutex> h(b); }
    void bc() { std::lock_guard<std::mutex> g(b); std::lock_guard<std::mutex> h(c); }
    void ca() { std::lock_guard<std::mutex> g(c); std::lock_guard<std::mutex> h(a); }
    void xy() { std::lock_guard<std::mutex> g(x); std::lock_guard<std::mutex> h(y); }
    void yx() { std::lock_guard<std::mutex> g(y); std::lock_guard<std::mutex> h(x); }
  )");
  const auto &G = P.Model->analysis<LockOrderGraph>();
  auto Cycles = G.cycles();
  ASSERT_EQ(Cycles.size(), 2u);
  EXPECT_EQ(Cycles[0].size(), 3u);
  EXPECT_EQ(Cycles[1].size(), 2u);
  EXPECT_TRUE(G.cycles(2).size() == 1u);
}

TEST(ThreadContexts, MainOnlyCodeDoesNotRunConcurrentlyWithItself) {
  auto P = parseModel(R"(
    #include <thread>
    void phase1() {}
    void phase2() {}
    void work() {}
    void api() {}
    int main() {
      phase1();
      std::thread t(work);
      phase2();
      t.join();
    }
  )");
  auto &T = P.Model->analysis<ThreadContexts>();
  auto F = [&](const char *N) { return findFunction(*P.Model, N); };
  EXPECT_FALSE(T.mayRunConcurrently(F("phase1"), F("phase2")));
  EXPECT_TRUE(T.mayRunConcurrently(F("phase2"), F("work")));
  EXPECT_TRUE(T.mayRunConcurrently(F("api"), F("phase1")));
}

TEST(ConditionWaits, PredicatesLoopsAndWaitedState) {
  auto P = parseModel(R"(
    #include <condition_variable>
    #include <mutex>
    std::mutex m;
    std::condition_variable cv;
    bool ready = false;
    int items = 0;
    void bare() { std::unique_lock<std::mutex> lk(m); cv.wait(lk); }
    void pred() { std::unique_lock<std::mutex> lk(m); cv.wait(lk, [] { return ready; }); }
    void loop() { std::unique_lock<std::mutex> lk(m); while (items == 0) cv.wait(lk); }
    void wrapper(std::unique_lock<std::mutex> &lk) { cv.wait(lk); }
  )");
  const auto &W = P.Model->analysis<ConditionWaits>().waits();
  ASSERT_EQ(W.size(), 4u);
  EXPECT_FALSE(W[0].HasPredicate);
  EXPECT_FALSE(W[0].RecheckLoop);
  EXPECT_EQ(W[0].Mutex.name(), "m");
  EXPECT_EQ(W[0].Condition.name(), "cv");
  EXPECT_TRUE(W[1].HasPredicate);
  ASSERT_EQ(W[1].State.size(), 1u);
  EXPECT_EQ(W[1].State[0]->getName(), "ready");
  EXPECT_TRUE(W[2].RecheckLoop);
  ASSERT_EQ(W[2].State.size(), 1u);
  EXPECT_EQ(W[2].State[0]->getName(), "items");
  EXPECT_TRUE(W[3].LockFromCaller);
}
