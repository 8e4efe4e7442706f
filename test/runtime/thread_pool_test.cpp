// ThreadPool and Future: results, exceptions, map, as_completed, shutdown,
// cancellation, stealing and the self-wait rescue.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "concur/sync.h"
#include "concur/thread_pool.h"

using namespace std::chrono_literals;

namespace {

TEST(ThreadPoolTest, SubmitReturnsTheValue) {
  concur::ThreadPool pool(2);
  concur::Future<int> answer = pool.submit([] { return 6 * 7; });
  EXPECT_EQ(answer.get(), 42);
}

TEST(ThreadPoolTest, SubmitWithArgumentsLikePython) {
  concur::ThreadPool pool(2);
  auto fetched = pool.submit([](const std::string& url, int n) { return url + "#" + std::to_string(n); },
                             std::string("url1"), 3);
  EXPECT_EQ(fetched.get(), "url1#3");
}

TEST(ThreadPoolTest, ExceptionReachesGet) {
  concur::ThreadPool pool(2);
  concur::Future<int> failing = pool.submit([]() -> int { throw std::runtime_error("boom"); });
  EXPECT_THROW(failing.get(), std::runtime_error);
}

TEST(ThreadPoolTest, ExceptionAccessorReturnsIt) {
  concur::ThreadPool pool(1);
  auto ok = pool.submit([] {});
  auto failing = pool.submit([] { throw std::logic_error("bad"); });
  EXPECT_EQ(ok.exception(), nullptr);
  std::exception_ptr error = failing.exception();
  ASSERT_NE(error, nullptr);
  EXPECT_THROW(std::rethrow_exception(error), std::logic_error);
}

TEST(ThreadPoolTest, ValueIsReadOnce) {
  concur::ThreadPool pool(1);
  auto f = pool.submit([] { return std::string("once"); });
  EXPECT_EQ(f.get(), "once");
  EXPECT_THROW(f.get(), concur::FutureError);
  concur::Future<int> empty;
  EXPECT_FALSE(empty.valid());
  EXPECT_THROW(empty.get(), concur::FutureError);
}

TEST(ThreadPoolTest, WaitForAndDoneDoNotBlockForever) {
  concur::ThreadPool pool(1);
  concur::Event release;
  auto blocked = pool.submit([&] { release.wait(); return 1; });
  EXPECT_FALSE(blocked.wait_for(1ms));
  EXPECT_FALSE(blocked.done());
  release.set();
  blocked.wait();
  EXPECT_TRUE(blocked.done());
  EXPECT_TRUE(blocked.wait_for(0ms));
  EXPECT_EQ(blocked.get(), 1);
}

TEST(ThreadPoolTest, MapKeepsInputOrder) {
  concur::ThreadPool pool(3);
  std::vector<int> numbers;
  for (int i = 0; i < 100; ++i) numbers.push_back(i);
  std::vector<int> squares = pool.map([](int x) { return x * x; }, numbers);
  ASSERT_EQ(squares.size(), numbers.size());
  for (int i = 0; i < 100; ++i) EXPECT_EQ(squares[i], i * i);
}

TEST(ThreadPoolTest, MapRethrowsTheFirstFailureInInputOrder) {
  concur::ThreadPool pool(2);
  std::vector<int> items{0, 1, 2, 3, 4, 5, 6, 7};
  std::atomic<int> ran{0};
  try {
    pool.map(
        [&](int x) {
          ran.fetch_add(1);
          if (x == 3 || x == 6) throw std::runtime_error("item " + std::to_string(x));
          return x;
        },
        items);
    FAIL() << "map should have thrown";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "item 3");
  }
  EXPECT_EQ(ran.load(), 8);  // map waited for every item
}

TEST(ThreadPoolTest, MapOfVoid) {
  concur::ThreadPool pool(2);
  std::atomic<int> sum{0};
  std::vector<int> items{1, 2, 3};
  pool.map([&](int x) { sum.fetch_add(x); }, items);
  EXPECT_EQ(sum.load(), 6);
}

TEST(ThreadPoolTest, AsCompletedYieldsEachFutureOnceWithItsOwnError) {
  concur::ThreadPool pool(2);
  std::vector<concur::Future<std::string>> futures;
  for (int i = 0; i < 20; ++i)
    futures.push_back(pool.submit([i]() -> std::string {
      if (i % 5 == 0) throw std::runtime_error("url" + std::to_string(i) + " failed");
      return "fetched url" + std::to_string(i);
    }));
  std::set<concur::Future<std::string>*> seen;
  int ok = 0, failed = 0;
  for (concur::Future<std::string>& done : concur::as_completed(futures)) {
    EXPECT_TRUE(done.done());
    EXPECT_TRUE(seen.insert(&done).second);
    try {
      EXPECT_EQ(done.get().rfind("fetched", 0), 0u);
      ++ok;
    } catch (const std::runtime_error&) {
      ++failed;
    }
  }
  EXPECT_EQ(ok, 16);
  EXPECT_EQ(failed, 4);
}

TEST(ThreadPoolTest, ShutdownWaitRunsPendingTasks) {
  std::atomic<int> ran{0};
  concur::ThreadPool pool(2);
  std::vector<concur::Future<void>> futures;
  for (int i = 0; i < 100; ++i) futures.push_back(pool.submit([&] { ran.fetch_add(1); }));
  pool.shutdown(/*wait=*/true);
  EXPECT_EQ(ran.load(), 100);
  for (auto& f : futures) EXPECT_NO_THROW(f.get());
  EXPECT_THROW((void)pool.submit([] {}), std::runtime_error);
  pool.shutdown();  // again: harmless
}

TEST(ThreadPoolTest, ShutdownCancelPendingCancelsOnlyUnstartedTasks) {
  concur::ThreadPool pool(1);
  concur::Event started, release;
  std::vector<std::atomic<int>> runs(10);
  auto blocker = pool.submit([&] {
    started.set();
    release.wait();
  });
  started.wait();
  std::vector<concur::Future<void>> futures;
  for (int i = 0; i < 10; ++i) futures.push_back(pool.submit([&runs, i] { runs[i].fetch_add(1); }));
  pool.shutdown(/*wait=*/false, /*cancel_pending=*/true);
  release.set();
  blocker.get();
  for (int i = 0; i < 10; ++i) {
    EXPECT_TRUE(futures[i].cancelled());
    EXPECT_THROW(futures[i].get(), concur::CancelledError);
    EXPECT_EQ(runs[i].load(), 0);
  }
}

TEST(ThreadPoolTest, CancelBeforeStart) {
  concur::ThreadPool pool(1);
  concur::Event started, release;
  auto blocker = pool.submit([&] {
    started.set();
    release.wait();
  });
  started.wait();
  bool ran = false;
  auto queued = pool.submit([&] { ran = true; });
  EXPECT_TRUE(queued.cancel());
  EXPECT_FALSE(blocker.cancel());  // already running
  release.set();
  blocker.get();
  pool.shutdown();
  EXPECT_FALSE(ran);
  EXPECT_THROW(queued.get(), concur::CancelledError);
}

TEST(ThreadPoolTest, IdleWorkerStealsWorkQueuedBehindABlockedOne) {
  concur::ThreadPool pool(2);
  concur::Event released;
  // The outer task queues the releaser on its own worker's queue and then
  // blocks: only a steal by the other worker can make progress.
  auto outer = pool.submit([&] {
    auto releaser = pool.submit([&] { released.set(); });
    released.wait();
    return releaser.exception() == nullptr;
  });
  EXPECT_TRUE(outer.get());
}

TEST(ThreadPoolTest, WorkerWaitingOnItsOwnPoolDoesNotDeadlock) {
  concur::ThreadPool pool(1);
  auto outer = pool.submit([&] {
    auto inner = pool.submit([] { return 20; });
    return inner.get() + 1;  // a plain executor hangs here
  });
  EXPECT_EQ(outer.get(), 21);
}

TEST(ThreadPoolTest, NestedFanOutCompletes) {
  concur::ThreadPool pool(2);
  std::atomic<int> leaves{0};
  auto root = pool.submit([&] {
    std::vector<concur::Future<void>> children;
    for (int i = 0; i < 50; ++i) children.push_back(pool.submit([&] { leaves.fetch_add(1); }));
    for (auto& child : children) child.get();
  });
  root.get();
  EXPECT_EQ(leaves.load(), 50);
}

TEST(PromiseTest, CompletesItsFutureFromAnotherThread) {
  concur::Promise<int> promise;
  concur::Future<int> future = promise.get_future();
  std::thread producer([&] { promise.set_value(7); });
  EXPECT_EQ(future.get(), 7);
  producer.join();
  EXPECT_THROW(promise.set_value(8), concur::FutureError);
}

TEST(PromiseTest, BrokenPromiseFailsTheFuture) {
  concur::Future<void> future;
  {
    concur::Promise<void> promise;
    future = promise.get_future();
  }
  EXPECT_THROW(future.get(), concur::FutureError);
}

}  // namespace
