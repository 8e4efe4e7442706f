// RUN: %clang_tidy -checks='-*,concur-serialized-submit' %s -- -std=c++20 -I %S/Inputs 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'

#include "mini_pool.h"
#include <future>
#include <vector>

int work(int x) { return x * 2; }

// ---- Positives -------------------------------------------------------------

int submit_then_get(MiniPool &pool, const std::vector<int> &xs) {
  int sum = 0;
  for (int x : xs) {
    auto f = pool.submit([x] { return work(x); });
    // CHECK: :[[@LINE-1]]:19: warning: the future from 'MiniPool::submit' is waited on in the same loop iteration, so the loop runs one task at a time; submit every task first
    sum += f.get();
    // CHECK: :[[@LINE-1]]:14: note: waited on here, before the next task is submitted
  }
  return sum;
}

int immediate(const std::vector<int> &xs) {
  int sum = 0;
  for (size_t i = 0; i < xs.size(); ++i)
    sum += std::async(std::launch::async, work, xs[i]).get();
  // CHECK: :[[@LINE-1]]:12: warning: the future from 'std::async' is waited on in the same loop iteration
  // CHECK: :[[@LINE-2]]:56: note: waited on here
  return sum;
}

void while_loop(BS::thread_pool &bs, int n) {
  std::future<int> f;
  while (n-- > 0) {
    f = bs.submit_task([n] { return work(n); });
    // CHECK: :[[@LINE-1]]:12: warning: the future from 'BS::thread_pool::submit_task' is waited on in the same loop iteration
    if (n % 2)
      f.wait();
    // CHECK: :[[@LINE-1]]:9: note: waited on here
  }
}

// ---- Look-alikes that are fine ---------------------------------------------

int collect_then_wait(MiniPool &pool, const std::vector<int> &xs) {
  std::vector<std::future<int>> futures;
  for (int x : xs)
    futures.push_back(pool.submit([x] { return work(x); }));
  int sum = 0;
  for (auto &f : futures)
    sum += f.get(); // waits after every task is submitted
  return sum;
}

int pipelined(MiniPool &pool, int n) {
  // Waits on the previous iteration's future: tasks overlap.
  std::future<int> prev;
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    if (prev.valid())
      sum += prev.get();
    prev = pool.submit([i] { return work(i); });
  }
  return sum + (prev.valid() ? prev.get() : 0);
}

int outer_loop_wait(MiniPool &pool, int n) {
  int sum = 0;
  for (int round = 0; round < n; ++round) {
    std::vector<std::future<int>> batch;
    for (int i = 0; i < 4; ++i)
      batch.push_back(pool.submit([i] { return i; }));
    for (auto &f : batch)
      sum += f.get();
  }
  auto once = pool.submit([] { return 1; });
  return sum + once.get(); // not in a loop
}
