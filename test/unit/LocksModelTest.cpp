// Unit tests of the lock-side model: per-function acquisitions through
// callees, the lock-order graph (stable lock names, edge sites, cycles),
// thread contexts and condition-variable waits.
#include "ParsedModel.h"

#include "model/ConditionWaits.h"
#include "model/LockAcquisitions.h"
#include "model/LockOrderGraph.h"
#include "model/SummaryExport.h"
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
  const LockCatalog &C = Acq.locksets().catalog();
  EXPECT_FALSE(sameMutexObject(C, Direct[0].What.MutexExpr, {}, Direct[1].What.MutexExpr, {}));
  EXPECT_TRUE(sameMutexObject(C, Direct[0].What.MutexExpr, {}, Direct[2].What.MutexExpr, {}));
}

TEST(LockBindings, PointersThatBorrowOneMutexNameIt) {
  auto P = parseModel(R"(
    #include <mutex>
    struct Db { std::mutex mutex_; std::mutex other_; void *handle(); void scoped(); };
    struct Handle {
      Handle(Db *d, std::mutex *m) : db(d), mu(m) {}
      Db *db;
      std::mutex *mu;
    };
    struct Either { std::mutex *mu; };
    struct Repointed { std::mutex *mu; };
    void repoint(std::mutex *&out);
    void *Db::handle() { return new Handle(this, &mutex_); }
    void Db::scoped() {
      std::mutex &r = other_;
      std::mutex *p = &mutex_;
      Either e{&mutex_};
      Either f{&other_};
      Repointed g{&mutex_};
      repoint(g.mu);
      r.lock(); p->lock(); e.mu->lock(); g.mu->lock();
    }
    void cleanup(Handle *h) { h->mu->lock(); }
  )");
  auto &Acq = P.Model->analysis<LockAcquisitions>();
  const auto &Cleanup = Acq.of(findFunction(*P.Model, "cleanup")).Direct;
  ASSERT_EQ(Cleanup.size(), 1u);
  EXPECT_EQ(Cleanup[0].What.Id.name(), "Db::mutex_"); // every construction passes &mutex_
  const auto &Scoped = Acq.of(findFunction(*P.Model, "Db::scoped")).Direct;
  ASSERT_EQ(Scoped.size(), 4u);
  EXPECT_EQ(Scoped[0].What.Id.name(), "Db::other_");
  EXPECT_EQ(Scoped[1].What.Id.name(), "Db::mutex_");
  EXPECT_EQ(Scoped[2].What.Id.name(), "Either::mu");    // two objects store two mutexes
  EXPECT_EQ(Scoped[3].What.Id.name(), "Repointed::mu"); // changed out of sight
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

TEST(SummaryExport, LockFactsForTheCrossTranslationUnitJoin) {
  auto P = parseModel(R"(
    #include <mutex>
    std::mutex global_mu;
    static std::mutex file_mu;
    namespace { struct Cache { std::mutex mu; }; Cache cache; }
    void audit();                       // defined in another TU
    static void audit_via_helper() { audit(); }
    void take(std::mutex &param) {
      std::lock_guard<std::mutex> g(global_mu);
      std::lock_guard<std::mutex> f(file_mu);
      std::lock_guard<std::mutex> p(param);
      audit_via_helper();
    }
    void nested() {
      std::lock_guard<std::mutex> c(cache.mu);
      std::lock_guard<std::mutex> g(global_mu);
    }
    static void unlocked_helper() { audit(); }
    int main() { nested(); unlocked_helper(); }
  )");
  P.Model->noteEnabledCheck("concur-lock-order-inversion", ConcurrencyModel::ExportLockOrder);
  report::TranslationUnitSummary S = summarizeTranslationUnit(*P.Model);
  auto Function = [&](llvm::StringRef Name) -> const report::FunctionSummary * {
    for (const report::FunctionSummary &F : S.Functions)
      if (F.Name == Name)
        return &F;
    return nullptr;
  };

  // take: three locks acquired, the parameter's is not exportable (its
  // mutex is the caller's argument); the external call through the static
  // helper is one path of two hops, made holding the two exportable locks.
  const report::FunctionSummary *Take = Function("take");
  ASSERT_TRUE(Take);
  ASSERT_EQ(Take->Acquires.size(), 2u);
  EXPECT_EQ(Take->Acquires[0].Lock.Key, "global_mu");
  EXPECT_EQ(Take->Acquires[1].Lock.Name, "file_mu");
  EXPECT_EQ(Take->Acquires[1].Lock.Key, "file_mu@" + S.File); // internal linkage
  ASSERT_EQ(Take->ReachedCalls.size(), 1u);
  const report::ReachedCall &Call = Take->ReachedCalls[0];
  ASSERT_EQ(Call.Path.size(), 2u);
  EXPECT_EQ(Call.Path[0].Name, "audit_via_helper");
  EXPECT_EQ(Call.Path[1].Name, "audit");
  ASSERT_EQ(Call.Held.size(), 2u);
  EXPECT_EQ(Call.Held[0].Line, 9u);
  EXPECT_FALSE(Take->MainThreadOnly); // nothing in this TU calls it

  // nested: only main runs it; its edge names a field of a class in an
  // unnamed namespace, which keeps the file in its key.
  const report::FunctionSummary *Nested = Function("nested");
  ASSERT_TRUE(Nested);
  EXPECT_TRUE(Nested->MainThreadOnly);
  ASSERT_FALSE(S.LockEdges.empty());
  const report::LockOrderEdgeSummary *Edge = nullptr;
  for (const auto &E : S.LockEdges)
    if (E.Function == "nested")
      Edge = &E;
  ASSERT_TRUE(Edge);
  EXPECT_EQ(Edge->Held.Lock.Key, "(anonymous)::Cache::mu@" + S.File);
  EXPECT_EQ(Edge->Acquired.Lock.Key, "global_mu");
  EXPECT_TRUE(Edge->MainThreadOnly);
  EXPECT_EQ(Edge->HeldThere.size(), 1u);

  // A static function that calls out holding nothing is nobody's business
  // in another TU: not exported.
  EXPECT_EQ(Function("unlocked_helper"), nullptr);
}
