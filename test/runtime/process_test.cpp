// Processes: codecs, Pipe, Queue, SharedValue, SharedArray and ProcessPool.map.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <limits>
#include <numeric>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "concur/process.h"

namespace {

// Runs body in a forked child that exits with 0 unless body throws.
template <class Body>
pid_t spawn(Body body) {
  pid_t pid = fork();
  if (pid == 0) {
    int status = 0;
    try {
      body();
    } catch (...) {
      status = 1;
    }
    _exit(status);
  }
  return pid;
}

int wait_exit_code(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Whether nobody holds mu (takes and drops it if so).
bool lock_is_free(concur::ProcessMutex& mu) {
  if (!mu.try_lock()) return false;
  mu.unlock();
  return true;
}

struct Point {
  int x;
  double y;
};

TEST(CodecTest, RoundTrips) {
  EXPECT_EQ(concur::decode<int>(concur::encode(42)), 42);
  Point p = concur::decode<Point>(concur::encode(Point{3, 1.5}));
  EXPECT_EQ(p.x, 3);
  EXPECT_EQ(p.y, 1.5);
  std::vector<std::string> words{"url1", "", "url3"};
  EXPECT_EQ(concur::decode<std::vector<std::string>>(concur::encode(words)), words);
  EXPECT_THROW(concur::decode<int>("ab"), concur::ProcessError);
}

TEST(PipeTest, TwoWayBetweenProcesses) {
  auto [parent_end, child_end] = concur::Pipe();
  pid_t child = spawn([&] {
    parent_end.close();
    int question = child_end.recv<int>();
    child_end.send(std::string("answer ") + std::to_string(question * 2));
  });
  child_end.close();
  parent_end.send(21);
  EXPECT_EQ(parent_end.recv<std::string>(), "answer 42");
  EXPECT_EQ(wait_exit_code(child), 0);
  EXPECT_TRUE(parent_end.poll());  // end-of-file is "ready"
  EXPECT_THROW(parent_end.recv<int>(), concur::ProcessError);
}

TEST(QueueTest, ManyProducersEveryItemOnce) {
  concur::Queue<int> queue;
  constexpr int kProducers = 3, kItems = 200;
  std::vector<pid_t> children;
  for (int p = 0; p < kProducers; ++p)
    children.push_back(spawn([&, p] {
      for (int i = 0; i < kItems; ++i) queue.put(p * kItems + i);
    }));
  std::set<int> seen;
  for (int i = 0; i < kProducers * kItems; ++i) EXPECT_TRUE(seen.insert(queue.get()).second);
  for (pid_t child : children) EXPECT_EQ(wait_exit_code(child), 0);
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kProducers * kItems));
  EXPECT_EQ(queue.get_for(std::chrono::milliseconds(1)), std::nullopt);
}

TEST(QueueTest, CarriesStrings) {
  concur::Queue<std::string> queue;
  queue.put("hello");
  queue.put(std::string(100000, 'x'));  // larger than one socket segment
  EXPECT_EQ(queue.get(), "hello");
  EXPECT_EQ(queue.get().size(), 100000u);
}

TEST(SharedValueTest, LockedIncrementsFromManyProcessesAreExact) {
  concur::SharedValue<long> counter(0);
  constexpr int kProcesses = 3, kIncrements = 5000;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p)
    children.push_back(spawn([&] {
      for (int i = 0; i < kIncrements; ++i) {
        auto locked = counter.lock();
        ++*locked;
      }
    }));
  for (pid_t child : children) EXPECT_EQ(wait_exit_code(child), 0);
  EXPECT_EQ(counter.load(), kProcesses * kIncrements);
  counter.store(7);
  EXPECT_EQ(counter.load(), 7);
}

TEST(SharedArrayTest, LoadAndStoreElements) {
  concur::SharedArray<long> values(5, 7);
  ASSERT_EQ(values.size(), 5u);
  for (std::size_t i = 0; i < values.size(); ++i) EXPECT_EQ(values.load(i), 7);
  values.store(0, -1);
  values.store(4, 40);
  EXPECT_EQ(values.load(0), -1);
  EXPECT_EQ(values.load(2), 7);
  EXPECT_EQ(values.load(4), 40);

  concur::SharedArray<Point> points(2);  // value-initialised by default
  EXPECT_EQ(points.load(1).x, 0);
  points.store(1, Point{3, 1.5});
  EXPECT_EQ(points.load(1).y, 1.5);

  concur::SharedArray<int> empty(0);
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_EQ(empty.lock().size(), 0u);
}

TEST(SharedArrayTest, OutOfRangeThrowsAndLeavesTheLockFree) {
  concur::SharedArray<int> values(3);
  EXPECT_THROW(values.load(3), std::out_of_range);
  EXPECT_THROW(values.store(3, 1), std::out_of_range);
  EXPECT_THROW(values.load(static_cast<std::size_t>(-1)), std::out_of_range);
  EXPECT_THROW(concur::SharedArray<long>{std::numeric_limits<std::size_t>::max()}, std::length_error);
  EXPECT_TRUE(lock_is_free(values.mutex()));  // no failed call kept it
  values.store(2, 9);
  EXPECT_EQ(values.load(2), 9);
}

TEST(SharedArrayTest, LockedHandleGivesSpanAccess) {
  concur::SharedArray<int> values(4);
  {
    auto locked = values.lock();
    EXPECT_FALSE(lock_is_free(values.mutex()));  // held while the handle lives
    ASSERT_EQ(locked.size(), 4u);
    for (std::size_t i = 0; i < locked.size(); ++i) locked[i] = static_cast<int>(10 - i);
    std::span<int> all = locked.span();
    EXPECT_EQ(all.size(), 4u);
    std::sort(all.begin(), all.end());
    EXPECT_EQ(std::accumulate(locked.begin(), locked.end(), 0), 10 + 9 + 8 + 7);
    for (int& value : locked) value *= 2;
  }
  EXPECT_TRUE(lock_is_free(values.mutex()));  // released with the handle
  EXPECT_EQ(values.load(0), 14);
  EXPECT_EQ(values.load(3), 20);
}

TEST(SharedArrayTest, LockedIncrementsFromManyProcessesAreExact) {
  constexpr std::size_t kElements = 8;
  concur::SharedArray<long> counters(kElements, 100);
  concur::Queue<int> start;  // all children begin together, so they contend
  constexpr int kProcesses = 4, kIncrements = 5000;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p)
    children.push_back(spawn([&] {
      start.get();
      for (int i = 0; i < kIncrements; ++i) {
        auto locked = counters.lock();
        for (long& counter : locked) ++counter;
      }
    }));
  for (int p = 0; p < kProcesses; ++p) start.put(p);
  for (pid_t child : children) EXPECT_EQ(wait_exit_code(child), 0);
  for (std::size_t e = 0; e < kElements; ++e) EXPECT_EQ(counters.load(e), 100 + kProcesses * kIncrements);
}

int square(int x) { return x * x; }
int global_side_effect = 0;
int touch_global(int x) {
  global_side_effect += x;  // happens in the worker's memory only
  return x;
}

TEST(ProcessPoolTest, MapKeepsOrder) {
  concur::ProcessPool pool(2);
  std::vector<int> items;
  for (int i = 0; i < 50; ++i) items.push_back(i);
  std::vector<int> squares = pool.map(square, items);
  ASSERT_EQ(squares.size(), items.size());
  for (int i = 0; i < 50; ++i) EXPECT_EQ(squares[i], i * i);
  auto labels = pool.map([](const int& x) { return "item " + std::to_string(x); }, items, 7);
  EXPECT_EQ(labels[49], "item 49");
  EXPECT_TRUE(pool.map(square, std::vector<int>{}).empty());
}

TEST(ProcessPoolTest, WorkersDoNotShareTheParentsMemory) {
  concur::ProcessPool pool(2);
  std::vector<int> items{1, 2, 3};
  pool.map(touch_global, items);
  EXPECT_EQ(global_side_effect, 0);
}

TEST(ProcessPoolTest, WorkerExceptionBecomesRemoteError) {
  concur::ProcessPool pool(2);
  std::vector<int> items{1, 2, 3, 4, 5, 6};
  try {
    pool.map(
        [](const int& x) -> int {
          if (x >= 4) throw std::runtime_error("bad item " + std::to_string(x));
          return x;
        },
        items, 1);
    FAIL() << "map should throw";
  } catch (const concur::RemoteError& e) {
    EXPECT_NE(std::string(e.what()).find("bad item 4"), std::string::npos);
  }
  EXPECT_EQ(pool.map(square, items, 2)[5], 36);  // still usable
}

TEST(ProcessPoolTest, DeadWorkerBreaksThePool) {
  concur::ProcessPool pool(1);
  std::vector<int> items{1, 2};
  EXPECT_THROW(pool.map([](const int& x) -> int { if (x == 2) _exit(3); return x; }, items, 1),
               concur::ProcessError);
  EXPECT_THROW(pool.map(square, items), concur::ProcessError);
}

}  // namespace
