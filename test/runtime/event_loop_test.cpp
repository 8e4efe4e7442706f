// EventLoop and Task: awaiting, scheduling, timers, gather, wait_for,
// cancellation, executors, thread-safe calls and 10,000 concurrent tasks.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "concur/event_loop.h"

using namespace std::chrono_literals;

namespace {

concur::Task<int> answer() { co_return 42; }

concur::Task<int> add_one(int x) {
  int base = co_await answer();
  co_return base + x;
}

concur::Task<void> fail(std::string why) {
  co_await concur::yield();
  throw std::runtime_error(why);
}

TEST(EventLoopTest, RunReturnsTheResult) {
  concur::EventLoop loop;
  EXPECT_EQ(loop.run(add_one(1)), 43);
  EXPECT_EQ(concur::run(answer()), 42);
}

TEST(EventLoopTest, RunRethrows) {
  concur::EventLoop loop;
  EXPECT_THROW(loop.run(fail("boom")), std::runtime_error);
}

TEST(EventLoopTest, CurrentLoopInsideTasks) {
  concur::EventLoop loop;
  EXPECT_EQ(concur::EventLoop::current(), nullptr);
  auto check = [&]() -> concur::Task<bool> { co_return concur::EventLoop::current() == &loop; };
  EXPECT_TRUE(loop.run(check()));
  EXPECT_FALSE(loop.is_running());
}

concur::Task<void> record(std::vector<std::string>& log, std::string name, int steps) {
  for (int i = 0; i < steps; ++i) {
    log.push_back(name + std::to_string(i));
    co_await concur::yield();
  }
}

TEST(EventLoopTest, CreatedTasksInterleaveAtYields) {
  std::vector<std::string> log;
  auto main_task = [&]() -> concur::Task<void> {
    auto a = concur::EventLoop::current()->create_task(record(log, "a", 2));
    auto b = concur::EventLoop::current()->create_task(record(log, "b", 2));
    co_await a;
    co_await b;
  };
  concur::run(main_task());
  EXPECT_EQ(log, (std::vector<std::string>{"a0", "b0", "a1", "b1"}));
}

concur::Task<int> sleeper(std::vector<int>& order, int ms) {
  co_await concur::sleep(std::chrono::milliseconds(ms));
  order.push_back(ms);
  co_return ms;
}

TEST(EventLoopTest, SleepsFinishInDeadlineOrder) {
  std::vector<int> order;
  auto main_task = [&]() -> concur::Task<int> {
    auto [a, b, c] = co_await concur::gather(sleeper(order, 30), sleeper(order, 10), sleeper(order, 20));
    co_return a + b + c;
  };
  EXPECT_EQ(concur::run(main_task()), 60);
  EXPECT_EQ(order, (std::vector<int>{10, 20, 30}));
}

TEST(EventLoopTest, GatherOfVectorAndVoid) {
  auto simpler = []() -> concur::Task<int> {
    std::vector<concur::Task<int>> tasks;
    for (int i = 0; i < 5; ++i) tasks.push_back(add_one(i));
    std::vector<int> results = co_await concur::gather(std::move(tasks));
    std::vector<std::string> log;
    std::vector<concur::Task<void>> voids;
    voids.push_back(record(log, "x", 1));
    voids.push_back(record(log, "y", 1));
    co_await concur::gather(std::move(voids));
    co_return results[0] + results[4] + static_cast<int>(log.size());
  };
  EXPECT_EQ(concur::run(simpler()), 42 + 46 + 2);
}

TEST(EventLoopTest, GatherPropagatesTheFirstErrorAfterEveryTaskFinished) {
  bool slow_finished = false;
  auto slow = [&]() -> concur::Task<int> {
    co_await concur::sleep(5ms);
    slow_finished = true;
    co_return 1;
  };
  auto main_task = [&]() -> concur::Task<void> {
    co_await concur::gather(slow(), fail("first"), fail("second"));
  };
  try {
    concur::run(main_task());
    FAIL() << "gather should rethrow";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "first");
  }
  EXPECT_TRUE(slow_finished);
}

TEST(EventLoopTest, GatherSettledReturnsEveryOutcome) {
  auto main_task = []() -> concur::Task<int> {
    auto [value, nothing, error] = co_await concur::gather_settled(answer(), fail("x"), fail("y"));
    EXPECT_TRUE(value.has_value());
    EXPECT_FALSE(nothing.has_value());
    EXPECT_THROW(error.value(), std::runtime_error);
    std::vector<concur::Task<int>> tasks;
    tasks.push_back(answer());
    tasks.push_back([]() -> concur::Task<int> { throw std::logic_error("z"); co_return 0; }());
    std::vector<concur::Outcome<int>> outcomes = co_await concur::gather_settled(std::move(tasks));
    EXPECT_TRUE(outcomes[0].has_value());
    EXPECT_NE(outcomes[1].error(), nullptr);
    co_return value.value();
  };
  EXPECT_EQ(concur::run(main_task()), 42);
}

TEST(EventLoopTest, WaitForTimesOutAndCancelsTheTask) {
  bool saw_cancel = false;
  auto slow = [&]() -> concur::Task<int> {
    try {
      co_await concur::sleep(1h);
    } catch (const concur::CancelledError&) {
      saw_cancel = true;
      throw;
    }
    co_return 1;
  };
  auto main_task = [&]() -> concur::Task<bool> {
    try {
      co_await concur::wait_for(slow(), 5ms);
    } catch (const concur::TimeoutError&) {
      co_return true;
    }
    co_return false;
  };
  EXPECT_TRUE(concur::run(main_task()));
  EXPECT_TRUE(saw_cancel);
}

TEST(EventLoopTest, WaitForReturnsTheValueInTime) {
  auto main_task = []() -> concur::Task<int> { co_return co_await concur::wait_for(add_one(0), 1h); };
  EXPECT_EQ(concur::run(main_task()), 42);
}

TEST(EventLoopTest, CancelDeliversCancelledError) {
  auto main_task = []() -> concur::Task<bool> {
    auto sleeper_task = concur::EventLoop::current()->create_task(
        []() -> concur::Task<void> { co_await concur::sleep(1h); }());
    co_await concur::yield();
    sleeper_task.cancel();
    try {
      co_await sleeper_task;
    } catch (const concur::CancelledError&) {
      co_return true;
    }
    co_return false;
  };
  EXPECT_TRUE(concur::run(main_task()));
}

TEST(EventLoopTest, RunCancelsLeftoverTasks) {
  bool cancelled = false;
  auto forever = [&]() -> concur::Task<void> {
    try {
      for (;;) co_await concur::sleep(1h);
    } catch (const concur::CancelledError&) {
      cancelled = true;
      throw;
    }
  };
  auto main_task = [&]() -> concur::Task<void> {
    auto background = concur::EventLoop::current()->create_task(forever());
    co_await concur::yield();
  };
  concur::EventLoop loop;
  loop.run(main_task());
  EXPECT_TRUE(cancelled);
  EXPECT_EQ(loop.pending_tasks(), 0u);
}

TEST(EventLoopTest, RunInExecutorAndAwaitingFutures) {
  concur::ThreadPool pool(2);
  auto main_task = [&]() -> concur::Task<int> {
    int a = co_await concur::run_in_executor(pool, [] { return 40; });
    int b = co_await pool.submit([] { return 2; });
    try {
      co_await pool.submit([] { throw std::runtime_error("worker failed"); });
    } catch (const std::runtime_error&) {
      co_return a + b;
    }
    co_return 0;
  };
  EXPECT_EQ(concur::run(main_task()), 42);
}

TEST(EventLoopTest, CallSoonRunsInOrderAndCallLaterCanBeCancelled) {
  std::vector<int> order;
  concur::EventLoop loop;
  auto main_task = [&]() -> concur::Task<void> {
    loop.call_soon([&] { order.push_back(1); });
    loop.call_soon([&] { order.push_back(2); });
    concur::TimerId dropped = loop.call_later(1ms, [&] { order.push_back(99); });
    loop.call_later(2ms, [&] { order.push_back(3); });
    loop.cancel(dropped);
    co_await concur::sleep(10ms);
  };
  loop.run(main_task());
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(EventLoopTest, CallSoonThreadsafeWakesTheLoop) {
  concur::EventLoop loop;
  std::thread helper;
  auto main_task = [&]() -> concur::Task<int> {
    concur::Promise<int> promise;
    concur::Future<int> delivered = promise.get_future();
    helper = std::thread([&loop, promise = std::move(promise)]() mutable {
      loop.call_soon_threadsafe([promise = std::make_shared<concur::Promise<int>>(std::move(promise))] {
        promise->set_value(5);
      });
    });
    co_return co_await std::move(delivered);
  };
  EXPECT_EQ(loop.run(main_task()), 5);
  helper.join();
}

TEST(EventLoopTest, AwaitingATaskTwiceIsAnError) {
  auto main_task = []() -> concur::Task<bool> {
    auto child = concur::EventLoop::current()->create_task(
        []() -> concur::Task<void> { co_await concur::sleep(1ms); }());
    auto second_waiter = concur::EventLoop::current()->create_task(
        [](concur::Task<void>& awaited) -> concur::Task<void> { co_await awaited; }(child));
    co_await concur::yield();
    bool threw = false;
    try {
      co_await child;
    } catch (const std::logic_error&) {
      threw = true;
    }
    co_await second_waiter;
    co_return threw;
  };
  EXPECT_TRUE(concur::run(main_task()));
}

TEST(EventLoopTest, UnstartedTasksAreSimplyDestroyed) {
  { auto never = answer(); }
  concur::EventLoop loop;
  auto created = loop.create_task(answer());  // never run: the loop lets go
  SUCCEED();
}

TEST(EventLoopTest, HoldsTenThousandConcurrentTasks) {
  constexpr int kTasks = 10000;
  auto worker = [](int id) -> concur::Task<long> {
    co_await concur::sleep(1ms);
    co_await concur::yield();
    co_return id;
  };
  auto main_task = [&]() -> concur::Task<long> {
    std::vector<concur::Task<long>> tasks;
    tasks.reserve(kTasks);
    for (int i = 0; i < kTasks; ++i) tasks.push_back(worker(i));
    std::vector<long> ids = co_await concur::gather(std::move(tasks));
    long sum = 0;
    for (long id : ids) sum += id;
    co_return sum;
  };
  EXPECT_EQ(concur::run(main_task()), static_cast<long>(kTasks) * (kTasks - 1) / 2);
}

}  // namespace
