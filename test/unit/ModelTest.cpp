// Unit tests of the shared per-TU model: index, call graph, CFG cache and
// spawn sites, on small programs parsed in memory.
#include "ParsedModel.h"
#include "model/BlockingCallCatalog.h"
#include "model/ConcurrencyModel.h"
#include "model/QualifiedNames.h"
#include "model/SpawnSites.h"

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

using namespace clang;
using namespace concur;

namespace {

using ParsedTU = concur::testing::ParsedModel;
using concur::testing::parseModel;

using concur::testing::findFunction;

} // namespace

TEST(ModelIndex, FindsCoroutinesAndLambdaOperators) {
  auto P = parseModel(R"(
    #include <coroutine>
    struct T { struct promise_type { T get_return_object() { return {}; }
      std::suspend_never initial_suspend() noexcept { return {}; }
      std::suspend_never final_suspend() noexcept { return {}; }
      void return_void() {} void unhandled_exception() {} }; };
    T coro() { co_return; }
    void plain() { auto l = []() -> T { co_return; }; (void)l; }
  )");
  const auto &Index = P.Model->index();
  ASSERT_EQ(Index.coroutines().size(), 2u);
  EXPECT_TRUE(Index.isCoroutine(findFunction(*P.Model, "coro")));
  EXPECT_FALSE(Index.isCoroutine(findFunction(*P.Model, "plain")));
}

TEST(ModelCallGraph, LambdaBodiesAreNotCallSitesOfTheirEnclosingFunction) {
  auto P = parseModel(R"(
    int a(); void b();
    void f() { auto l = [] { a(); }; b(); (void)sizeof(a()); }
  )");
  const auto &Calls = P.Model->callGraph().callsIn(findFunction(*P.Model, "f"));
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_EQ(genericName(Calls[0].Callee), "b");
}

TEST(ModelCallGraph, FindsShortestPathThroughCallees) {
  auto P = parseModel(R"(
    void leaf(); void mid() { leaf(); } void other() { mid(); }
    void root() { other(); mid(); }
  )");
  CallGraph::SearchLimits L;
  auto Paths = P.Model->callGraph().findPaths(
      findFunction(*P.Model, "root"),
      [](const CallSite &S) { return genericName(S.Callee) == "leaf"; }, L);
  ASSERT_EQ(Paths.size(), 1u);
  ASSERT_EQ(Paths[0].size(), 2u); // root -> mid -> leaf, not via other
  EXPECT_EQ(genericName(Paths[0][0]->Callee), "mid");
}

TEST(ModelCFG, IsCachedPerFunction) {
  auto P = parseModel("int f(int x) { if (x) return 1; return 2; }");
  const FunctionDecl *F = findFunction(*P.Model, "f");
  const CFG *First = P.Model->cfg(F);
  ASSERT_NE(First, nullptr);
  EXPECT_EQ(First, P.Model->cfg(F));
  EXPECT_GE(First->size(), 4u);
}

TEST(ModelSpawnSites, ResolvesThreadAsyncAndPoolEntries) {
  auto P = parseModel(R"(
    #include <future>
    #include <thread>
    #include <pthread.h>
    void work(int);
    void *pwork(void *);
    struct Functor { void operator()() const {} };
    struct Pool { template <class F> std::future<int> submit(F f) { return {}; } };
    struct Worker { void run(); void start() { std::thread t(&Worker::run, this); t.join(); } };
    void spawner(Pool &pool) {
      std::thread t1(work, 1);
      auto body = [] { work(2); };
      std::thread t2(body);
      std::jthread t3{Functor{}};
      auto f1 = std::async(std::launch::async, work, 3);
      auto f2 = std::async([] { work(4); });
      pthread_t p; pthread_create(&p, nullptr, pwork, nullptr);
      auto f3 = pool.submit([] { return 5; });
      t1.join(); t2.join();
    }
  )");
  auto &Spawns = P.Model->analysis<SpawnSites>();
  EXPECT_EQ(&Spawns, &P.Model->analysis<SpawnSites>()); // built once
  const FunctionDecl *Spawner = findFunction(*P.Model, "spawner");
  auto In = Spawns.in(Spawner);
  ASSERT_EQ(In.size(), 7u);
  EXPECT_EQ(In[0]->Kind, SpawnKind::Thread);
  ASSERT_EQ(In[0]->Entries.size(), 1u);
  EXPECT_EQ(genericName(In[0]->Entries[0]), "work");
  EXPECT_EQ(In[0]->Args.size(), 1u);
  EXPECT_NE(In[1]->Lambda, nullptr); // through the named local
  EXPECT_EQ(In[2]->Kind, SpawnKind::JThread);
  ASSERT_EQ(In[2]->Entries.size(), 1u);
  EXPECT_EQ(genericName(In[2]->Entries[0]), "Functor::operator()");
  EXPECT_EQ(In[3]->Kind, SpawnKind::Async);
  EXPECT_EQ(In[3]->Policy, LaunchPolicy::Async);
  EXPECT_EQ(In[4]->Policy, LaunchPolicy::Unspecified);
  EXPECT_EQ(In[5]->Kind, SpawnKind::PThread);
  EXPECT_EQ(genericName(In[5]->Entries[0]), "pwork");
  EXPECT_EQ(In[6]->Kind, SpawnKind::PoolSubmit);
  EXPECT_NE(In[6]->Pool, nullptr);
  EXPECT_TRUE(Spawns.isEntry(In[6]->Entries[0]));
  auto Member = Spawns.in(findFunction(*P.Model, "Worker::start"));
  ASSERT_EQ(Member.size(), 1u);
  EXPECT_EQ(genericName(Member[0]->Entries[0]), "Worker::run");
}

TEST(ModelSpawnSites, UserPoolSubmitFunctionsAreConfigurable) {
  const char *Code = R"(
    struct Exec { template <class F> void run_later(F f) {} };
    void go(Exec &e) { e.run_later([] {}); }
  )";
  auto Plain = parseModel(Code);
  EXPECT_TRUE(Plain.Model->analysis<SpawnSites>().all().empty());
  auto Configured = parseModel(Code, ModelOptions{"Exec::run_later"});
  ASSERT_EQ(Configured.Model->analysis<SpawnSites>().all().size(), 1u);
}
