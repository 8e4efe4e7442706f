// Processes: codecs, Pipe, Queue, SharedValue and ProcessPool.map.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <set>
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
