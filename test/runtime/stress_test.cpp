// Stress: many rounds of concurrent submit, shutdown and cancel, nested
// waits and cross-thread loop calls. Every accepted task must run exactly
// once or be cancelled; none may be lost or run twice.
// CONCUR_STRESS_SCALE (default 1) scales the work, e.g. 0.1 under TSan.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "concur/event_loop.h"
#include "concur/thread_pool.h"

namespace {

int scaled(int n) {
  double scale = 1.0;
  if (const char* text = std::getenv("CONCUR_STRESS_SCALE")) scale = std::atof(text);
  return std::max(1, static_cast<int>(n * scale));
}

TEST(StressTest, EveryTaskRunsOnceOrIsCancelledAcrossShutdown) {
  const int rounds = scaled(60);
  const int per_submitter = scaled(5000);
  constexpr int kSubmitters = 3;
  std::mt19937 random(12345);
  for (int round = 0; round < rounds; ++round) {
    const int total = kSubmitters * per_submitter;
    std::vector<std::atomic<int>> runs(total);
    std::vector<concur::Future<void>> futures(total);
    std::vector<char> accepted(total, 0);
    bool cancel = round % 2 == 1;
    int shutdown_after = static_cast<int>(random() % static_cast<unsigned>(total));
    std::atomic<int> submitted{0};
    {
      concur::ThreadPool pool(1 + round % 3);
      std::vector<std::thread> submitters;
      for (int s = 0; s < kSubmitters; ++s)
        submitters.emplace_back([&, s] {
          for (int i = s * per_submitter; i < (s + 1) * per_submitter; ++i) {
            try {
              futures[i] = pool.submit([&runs, i] { runs[i].fetch_add(1, std::memory_order_relaxed); });
              accepted[i] = 1;
            } catch (const std::runtime_error&) {
            }
            submitted.fetch_add(1);
          }
        });
      while (submitted.load() < shutdown_after) std::this_thread::yield();
      pool.shutdown(/*wait=*/false, cancel);
      for (auto& thread : submitters) thread.join();
    }  // joins the workers
    int ran = 0, cancelled = 0;
    for (int i = 0; i < total; ++i) {
      if (!accepted[i]) {
        ASSERT_EQ(runs[i].load(), 0) << "rejected task " << i << " ran";
        continue;
      }
      ASSERT_TRUE(futures[i].done()) << "task " << i << " lost in round " << round;
      if (futures[i].cancelled()) {
        ASSERT_EQ(runs[i].load(), 0) << "cancelled task " << i << " ran";
        ++cancelled;
      } else {
        ASSERT_EQ(runs[i].load(), 1) << "task " << i << " ran " << runs[i].load() << " times";
        ++ran;
      }
    }
    if (!cancel) ASSERT_EQ(cancelled, 0);
  }
}

int tree(concur::ThreadPool& pool, int depth) {
  if (depth == 0) return 1;
  auto left = pool.submit([&pool, depth] { return tree(pool, depth - 1); });
  auto right = pool.submit([&pool, depth] { return tree(pool, depth - 1); });
  return left.get() + right.get();  // waits inside the pool: must not deadlock
}

TEST(StressTest, RecursiveWaitsInsideThePoolComplete) {
  const int rounds = scaled(20);
  for (int round = 0; round < rounds; ++round) {
    concur::ThreadPool pool(1 + round % 2);
    EXPECT_EQ(pool.submit([&pool] { return tree(pool, 10); }).get(), 1024);
  }
}

TEST(StressTest, ThreadsafeCallsFromManyThreadsAllRunOnce) {
  const int per_thread = scaled(25000);
  constexpr int kThreads = 4;
  concur::EventLoop loop;
  std::vector<int> runs(kThreads * per_thread, 0);  // only the loop thread writes
  std::vector<std::thread> senders;
  auto main_task = [&]() -> concur::Task<int> {
    auto all_done = std::make_shared<concur::Promise<void>>();
    concur::Future<void> finished = all_done->get_future();
    auto remaining = std::make_shared<int>(kThreads * per_thread);
    for (int t = 0; t < kThreads; ++t)
      senders.emplace_back([&, t, all_done, remaining] {
        for (int i = t * per_thread; i < (t + 1) * per_thread; ++i)
          loop.call_soon_threadsafe([&runs, i, all_done, remaining] {
            ++runs[i];
            if (--*remaining == 0) all_done->set_value();
          });
      });
    co_await std::move(finished);
    co_return static_cast<int>(std::count(runs.begin(), runs.end(), 1));
  };
  EXPECT_EQ(loop.run(main_task()), kThreads * per_thread);
  for (auto& sender : senders) sender.join();
}

TEST(StressTest, AsCompletedOverManyFutures) {
  const int count = scaled(100000);
  concur::ThreadPool pool(2);
  std::vector<concur::Future<int>> futures;
  for (int i = 0; i < count; ++i) futures.push_back(pool.submit([i] { return i; }));
  long sum = 0;
  int seen = 0;
  for (concur::Future<int>& done : concur::as_completed(futures)) {
    sum += done.get();
    ++seen;
  }
  EXPECT_EQ(seen, count);
  EXPECT_EQ(sum, static_cast<long>(count) * (count - 1) / 2);
}

}  // namespace
