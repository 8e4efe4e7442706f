// EventLoop: task switches per second (co_await concur::yield() between
// many tasks) and the cost of creating and gathering many tasks.
#include <benchmark/benchmark.h>

#include <vector>

#include "concur/event_loop.h"

namespace {

concur::Task<void> switcher(int switches) {
  for (int i = 0; i < switches; ++i) co_await concur::yield();
}

concur::Task<void> run_switchers(int tasks, int switches) {
  std::vector<concur::Task<void>> all;
  all.reserve(tasks);
  for (int i = 0; i < tasks; ++i) all.push_back(switcher(switches));
  co_await concur::gather(std::move(all));
}

// items/s = task switches per second (a yield suspends one task and
// resumes the next).
void BM_TaskSwitches(benchmark::State& state) {
  const int tasks = static_cast<int>(state.range(0));
  const int switches = 1'000'000 / tasks;
  concur::EventLoop loop;
  for (auto _ : state) loop.run(run_switchers(tasks, switches));
  state.SetItemsProcessed(state.iterations() * tasks * switches);
}
BENCHMARK(BM_TaskSwitches)->Arg(1)->Arg(100)->Arg(10'000)->Unit(benchmark::kMillisecond);

concur::Task<int> leaf(int i) { co_return i; }

concur::Task<long> spawn_and_gather(int tasks) {
  std::vector<concur::Task<int>> all;
  all.reserve(tasks);
  for (int i = 0; i < tasks; ++i) all.push_back(leaf(i));
  std::vector<int> results = co_await concur::gather(std::move(all));
  co_return static_cast<long>(results.size());
}

// items/s = tasks created, scheduled, finished and collected per second.
void BM_CreateAndGather(benchmark::State& state) {
  const int tasks = static_cast<int>(state.range(0));
  concur::EventLoop loop;
  for (auto _ : state) benchmark::DoNotOptimize(loop.run(spawn_and_gather(tasks)));
  state.SetItemsProcessed(state.iterations() * tasks);
}
BENCHMARK(BM_CreateAndGather)->Arg(10'000)->Unit(benchmark::kMillisecond);

concur::Task<int> nested(int depth) {
  if (depth == 0) co_return 0;
  co_return 1 + co_await nested(depth - 1);
}

// items/s = direct co_await of a child task (start + finish + resume parent).
void BM_DirectAwait(benchmark::State& state) {
  concur::EventLoop loop;
  for (auto _ : state) benchmark::DoNotOptimize(loop.run(nested(1000)));
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_DirectAwait)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
