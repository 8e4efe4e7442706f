// The cost of debug mode, off and on, on the paths it instruments: loop
// task switches, Mutex lock/unlock, pool submit + get.
#include <benchmark/benchmark.h>

#include <mutex>
#include <vector>

#include "concur/event_loop.h"
#include "concur/sync.h"
#include "concur/thread_pool.h"

namespace {

// Arg 0: debug mode off, arg 1: on.
void set_debug(const benchmark::State& state) { concur::debug::set_enabled(state.range(0) != 0); }

concur::Task<void> switcher(int switches) {
  for (int i = 0; i < switches; ++i) co_await concur::yield();
}

concur::Task<void> run_switchers(int tasks, int switches) {
  std::vector<concur::Task<void>> all;
  for (int i = 0; i < tasks; ++i) all.push_back(switcher(switches));
  co_await concur::gather(std::move(all));
}

void BM_LoopSwitches(benchmark::State& state) {
  set_debug(state);
  concur::EventLoop loop;
  for (auto _ : state) loop.run(run_switchers(100, 10'000));
  state.SetItemsProcessed(state.iterations() * 100 * 10'000);
  concur::debug::set_enabled(false);
}
BENCHMARK(BM_LoopSwitches)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_StdMutexLockUnlock(benchmark::State& state) {
  std::mutex mu;
  for (auto _ : state) {
    mu.lock();
    mu.unlock();
  }
}
BENCHMARK(BM_StdMutexLockUnlock);

void BM_ConcurMutexLockUnlock(benchmark::State& state) {
  set_debug(state);
  concur::Mutex mu;
  for (auto _ : state) {
    concur::MutexLock lock(mu);
  }
  concur::debug::set_enabled(false);
}
BENCHMARK(BM_ConcurMutexLockUnlock)->Arg(0)->Arg(1);

void BM_PoolSubmitGet(benchmark::State& state) {
  set_debug(state);
  concur::ThreadPool pool(2);
  std::vector<concur::Future<int>> futures;
  futures.reserve(100'000);
  for (auto _ : state) {
    futures.clear();
    for (int i = 0; i < 100'000; ++i) futures.push_back(pool.submit([i] { return i; }));
    for (auto& f : futures) benchmark::DoNotOptimize(f.get());
  }
  state.SetItemsProcessed(state.iterations() * 100'000);
  concur::debug::set_enabled(false);
}
BENCHMARK(BM_PoolSubmitGet)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
