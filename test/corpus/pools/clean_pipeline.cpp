// Hazard-free look-alikes of every pattern in this corpus.
#include "concur/thread_pool.h"
#include <future>
#include <thread>
#include <vector>

int stage(int x) { return x * 3; }

concur::ThreadPool &shared_pool() {
  static concur::ThreadPool pool(4);
  return pool;
}

std::vector<int> run_batches(const std::vector<std::vector<int>> &batches) {
  std::vector<int> out;
  for (const auto &batch : batches) {
    std::vector<concur::Future<int>> futures;
    for (int x : batch)
      futures.push_back(shared_pool().submit([x] { return stage(x); }));
    for (auto &f : futures)
      out.push_back(f.get());
  }
  return out;
}

int two_stages(concur::ThreadPool &cpu, concur::ThreadPool &io) {
  auto f = cpu.submit([&io] { return io.submit([] { return stage(1); }).get(); });
  return f.get();
}

int overlap(int n) {
  std::future<int> prev;
  int sum = 0;
  for (int i = 0; i < n; ++i) {
    auto next = std::async(std::launch::async, stage, i);
    if (prev.valid())
      sum += prev.get();
    prev = std::move(next);
  }
  return sum + (prev.valid() ? prev.get() : 0);
}

void threads_joined(int n) {
  std::vector<std::jthread> workers;
  for (int i = 0; i < n; ++i)
    workers.emplace_back([i] { stage(i); });
  std::thread t([] { stage(0); });
  t.join();
}
