// Unit tests of the pool and thread-lifetime model: pool identity through
// aliases and captures (PoolModel), future origins, and the joinable-state
// dataflow of std::thread objects (ThreadLifetime) over moves, early
// returns, hand-overs and exception paths.
#include "ParsedModel.h"
#include "model/ConcurrencyModel.h"
#include "model/PoolModel.h"
#include "model/QualifiedNames.h"
#include "model/ThreadLifetime.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace clang;
using namespace concur;

namespace {

using ParsedTU = concur::testing::ParsedModel;
using concur::testing::parseModel;

const char *PoolPrelude = R"(
  #include <future>
  struct Pool {
    template <class F> auto submit(F f) -> std::future<decltype(f())> {
      return std::async(std::launch::deferred, f);
    }
  };
)";

/// Each pool submit, identified by the number its task lambda returns,
/// mapped to the name of the pool it goes to.
std::map<int, std::string> poolOfEachSubmit(ParsedTU &P) {
  auto &Pools = P.Model->analysis<PoolModel>();
  std::map<int, std::string> Out;
  for (const SpawnSite &S : Pools.spawns().all()) {
    if (S.Kind != SpawnKind::PoolSubmit || !S.Lambda)
      continue;
    const auto *Body = dyn_cast<CompoundStmt>(S.Lambda->getBody());
    const auto *Ret = Body && !Body->body_empty() ? dyn_cast<ReturnStmt>(Body->body_front())
                                                  : nullptr;
    const auto *Tag = Ret ? dyn_cast<IntegerLiteral>(Ret->getRetValue()->IgnoreImplicit())
                          : nullptr;
    if (!Tag)
      continue;
    const ValueDecl *Key = Pools.poolKey(S.Pool);
    Out[static_cast<int>(Tag->getValue().getZExtValue())] =
        Key ? Key->getQualifiedNameAsString() : "?";
  }
  return Out;
}

} // namespace

TEST(PoolModel, IdentityThroughReferencesPointersAndCaptures) {
  auto P = parseModel(std::string(PoolPrelude) + R"(
Pool shared;
void uses() {
  Pool &ref = shared;
  Pool *ptr = &shared;
  ref.submit([] { return 1; });
  ptr->submit([] { return 2; });
  [&] { shared.submit([] { return 3; }); }();
  [p = &shared] { p->submit([] { return 4; }); }();
  [&r = ref] { r.submit([] { return 5; }); }();
}
struct Holder {
  Pool pool_;
  void run() { pool_.submit([] { return 6; }); }
};
void param(Pool &given) { given.submit([] { return 7; }); }
)");
  auto Pools = poolOfEachSubmit(P);
  EXPECT_EQ(Pools[1], "shared");        // reference alias
  EXPECT_EQ(Pools[2], "shared");        // pointer alias
  EXPECT_EQ(Pools[3], "shared");        // by-reference capture
  EXPECT_EQ(Pools[4], "shared");        // init-capture of an address
  EXPECT_EQ(Pools[5], "shared");        // init-capture of a reference alias
  EXPECT_EQ(Pools[6], "Holder::pool_"); // a field
  // A parameter stays a parameter: callers map it along a call chain.
  EXPECT_EQ(Pools[7], "given");
  EXPECT_EQ(Pools.size(), 7u);
}

TEST(PoolModel, FutureOriginsFollowLocalVariables) {
  auto P = parseModel(std::string(PoolPrelude) + R"(
int f(Pool &pool, bool again) {
  auto fut = pool.submit([] { return 1; });
  if (again)
    fut = pool.submit([] { return 2; });
  auto unrelated = std::async(std::launch::async, [] { return 3; });
  return fut.get() + unrelated.get();
}
)");
  auto &Pools = P.Model->analysis<PoolModel>();
  PoolConfig Config;
  const FunctionDecl *F = nullptr;
  for (const FunctionDecl *D : P.Model->index().functions())
    if (genericName(D) == "f")
      F = D;
  ASSERT_TRUE(F);
  std::map<std::string, unsigned> OriginsPerVar;
  for (const CallSite &C : P.Model->callGraph().callsIn(F)) {
    if (!Config.isFutureWait(C))
      continue;
    const auto *Ref = dyn_cast<DeclRefExpr>(PoolModel::objectOf(C)->IgnoreParenImpCasts());
    ASSERT_TRUE(Ref);
    auto Origins = Pools.originsOf(PoolModel::objectOf(C), F, Config);
    OriginsPerVar[Ref->getDecl()->getName().str()] = Origins.size();
    for (const Expr *O : Origins)
      EXPECT_TRUE(Pools.spawnOf(O));
  }
  EXPECT_EQ(OriginsPerVar["fut"], 2u);       // the initialiser and the assignment
  EXPECT_EQ(OriginsPerVar["unrelated"], 1u); // the std::async
}

namespace {

const char *ThreadCode = R"(
#include <thread>
void work();
void may_throw();
void quiet() noexcept;
struct Joiner { std::thread &t; ~Joiner() { if (t.joinable()) t.join(); } };

void moved_then_joined() { std::thread a(work); std::thread b(std::move(a)); b.join(); }
void moved_source_joined() { std::thread a(work); std::thread b(std::move(a)); a.join(); }
void early_return(bool stop) { std::thread t(work); if (stop) return; t.join(); }
void checked_join() { std::thread t(work); if (t.joinable()) t.join(); }
void throwing_call() { std::thread t(work); may_throw(); t.join(); }
void nothrow_call() { std::thread t(work); quiet(); t.join(); }
void caught() {
  std::thread t(work);
  try { may_throw(); } catch (...) { t.join(); throw; }
  t.join();
}
void guarded() { std::thread t(work); Joiner j{t}; may_throw(); }
void reassigned() { std::thread t(work); t = std::thread(work); t.join(); }
void empty_then_assigned() { std::thread t; t = std::thread(work); t.join(); }
void detached() { std::thread t(work); t.detach(); }
)";

/// "function:thread:kind" for every hazard.
std::set<std::string> hazardsOf(ParsedTU &P, bool ExceptionPaths, bool UnknownThrow = false) {
  std::set<std::string> Out;
  static const char *Kinds[] = {"destroyed", "throw", "assigned"};
  for (const ThreadHazard &H :
       P.Model->analysis<ThreadLifetime>().hazards(ExceptionPaths, UnknownThrow))
    Out.insert(genericName(H.In) + ":" + H.Thread->getName().str() + ":" +
               Kinds[H.HazardKind]);
  return Out;
}

} // namespace

TEST(ThreadLifetime, MovesEarlyReturnsAndAssignments) {
  auto P = parseModel(ThreadCode);
  std::set<std::string> Expected = {
      "moved_source_joined:b:destroyed", // the state moved to b, a.join() is a no-op
      "early_return:t:destroyed",
      "reassigned:t:assigned",
  };
  EXPECT_EQ(hazardsOf(P, /*ExceptionPaths=*/false), Expected);
}

TEST(ThreadLifetime, ExceptionPathsRespectNoexceptHandlersAndGuards) {
  auto P = parseModel(ThreadCode);
  // may_throw() is defined in another file: not taken to throw by default.
  EXPECT_FALSE(hazardsOf(P, /*ExceptionPaths=*/true).count("throwing_call:t:throw"));
  auto Found = hazardsOf(P, /*ExceptionPaths=*/true, /*UnknownThrow=*/true);
  EXPECT_TRUE(Found.count("throwing_call:t:throw"));
  EXPECT_FALSE(Found.count("nothrow_call:t:throw"));
  EXPECT_FALSE(Found.count("caught:t:throw"));
  EXPECT_FALSE(Found.count("guarded:t:throw"));
  EXPECT_FALSE(Found.count("guarded:t:destroyed"));
  // Each throwing-call hazard names the callee.
  for (const ThreadHazard &H : P.Model->analysis<ThreadLifetime>().hazards(true, true))
    if (H.HazardKind == ThreadHazard::ThrowWhileJoinable)
      ASSERT_TRUE(H.Thrower) << genericName(H.In);
}

TEST(ThreadLifetime, JThreadFixOnlyForLocalThreadsConstructedWithWork) {
  auto P = parseModel(ThreadCode);
  for (const ThreadHazard &H : P.Model->analysis<ThreadLifetime>().hazards(false)) {
    std::string Fn = genericName(H.In);
    if (Fn == "early_return")
      EXPECT_TRUE(H.JThreadFixApplies);
    if (Fn == "moved_source_joined" || Fn == "reassigned")
      EXPECT_FALSE(H.JThreadFixApplies) << Fn; // initialised by a move / assigned
  }
}

TEST(ThreadLifetime, DetachSitesKnowTheirSpawn) {
  auto P = parseModel(ThreadCode);
  auto Sites = P.Model->analysis<ThreadLifetime>().detachSites();
  ASSERT_EQ(Sites.size(), 1u);
  EXPECT_EQ(genericName(Sites[0].In), "detached");
  ASSERT_EQ(Sites[0].Spawns.size(), 1u);
  EXPECT_EQ(Sites[0].Spawns[0]->Kind, SpawnKind::Thread);
}
