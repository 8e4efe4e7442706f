// ThreadPool throughput on 1M tiny tasks: concur::ThreadPool against
// std::async and a textbook mutex + condition_variable single-queue pool.
// Every variant returns a future per task and waits for all of them.
#include <benchmark/benchmark.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "concur/thread_pool.h"

namespace {

constexpr int kTasks = 1'000'000;
constexpr int kWorkers = 2;  // the machine has 2 cores

// The baseline: one queue, one mutex, one condition variable, std::future.
class PlainPool {
 public:
  explicit PlainPool(int workers) {
    for (int i = 0; i < workers; ++i)
      threads_.emplace_back([this] {
        for (;;) {
          std::function<void()> job;
          {
            std::unique_lock<std::mutex> lock(mu_);
            ready_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
            if (jobs_.empty()) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
          }
          job();
        }
      });
  }
  ~PlainPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    ready_.notify_all();
    for (auto& thread : threads_) thread.join();
  }
  template <class Fn>
  std::future<void> submit(Fn fn) {
    auto task = std::make_shared<std::packaged_task<void()>>(std::move(fn));
    std::future<void> result = task->get_future();
    {
      std::lock_guard<std::mutex> lock(mu_);
      jobs_.emplace_back([task] { (*task)(); });
    }
    ready_.notify_one();
    return result;
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

std::atomic<long> g_sink{0};
void tiny_task() { g_sink.fetch_add(1, std::memory_order_relaxed); }

void BM_ConcurThreadPool(benchmark::State& state) {
  concur::ThreadPool pool(kWorkers);
  std::vector<concur::Future<void>> futures;
  futures.reserve(kTasks);
  for (auto _ : state) {
    futures.clear();
    for (int i = 0; i < kTasks; ++i) futures.push_back(pool.submit(tiny_task));
    for (auto& f : futures) f.get();
  }
  state.SetItemsProcessed(state.iterations() * kTasks);
}
BENCHMARK(BM_ConcurThreadPool)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

void BM_ConcurThreadPoolMap(benchmark::State& state) {
  concur::ThreadPool pool(kWorkers);
  std::vector<int> items(kTasks, 1);
  for (auto _ : state) {
    pool.map([](int x) { g_sink.fetch_add(x, std::memory_order_relaxed); }, items);
  }
  state.SetItemsProcessed(state.iterations() * kTasks);
}
BENCHMARK(BM_ConcurThreadPoolMap)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

void BM_PlainMutexCondvarPool(benchmark::State& state) {
  PlainPool pool(kWorkers);
  std::vector<std::future<void>> futures;
  futures.reserve(kTasks);
  for (auto _ : state) {
    futures.clear();
    for (int i = 0; i < kTasks; ++i) futures.push_back(pool.submit(tiny_task));
    for (auto& f : futures) f.get();
  }
  state.SetItemsProcessed(state.iterations() * kTasks);
}
BENCHMARK(BM_PlainMutexCondvarPool)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

// std::async(launch::async) starts a thread per call in libstdc++. Waiting
// for each future in batches of kWorkers*64 keeps the thread count bounded.
void BM_StdAsync(benchmark::State& state) {
  const int tasks = static_cast<int>(state.range(0));
  for (auto _ : state) {
    std::vector<std::future<void>> batch;
    for (int i = 0; i < tasks; ++i) {
      batch.push_back(std::async(std::launch::async, tiny_task));
      if (batch.size() == 128) {
        for (auto& f : batch) f.get();
        batch.clear();
      }
    }
    for (auto& f : batch) f.get();
  }
  state.SetItemsProcessed(state.iterations() * tasks);
}
BENCHMARK(BM_StdAsync)->Arg(kTasks)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
