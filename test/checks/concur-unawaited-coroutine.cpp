// RUN: %clang_tidy -checks='-*,concur-unawaited-coroutine' %s -- -std=c++20 -I %S/Inputs -I %srcroot/runtime/include 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-unawaited-coroutine' %s \
// RUN:   -config="{CheckOptions: {concur-unawaited-coroutine.AwaitableTypes: 'Request', concur-unawaited-coroutine.ReportAwaiters: false}}" \
// RUN:   -- -std=c++20 -I %S/Inputs -I %srcroot/runtime/include 2>&1 | FileCheck %s --check-prefix=OPTS

#include "coro_kinds.h"
#include "mini_task.h"
#include <concur/event_loop.h>
#include <chrono>
#include <functional>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

Task<int> fetch(int id) { co_return id; }
Task<> log_line(const char *);  // declared only: still returns a lazy task
Job make_job() { co_return; }
Lazy lazy_step() { co_return; }

// ---- Positives -------------------------------------------------------------

Task<> drops_tasks() {
  fetch(1);
  // CHECK: :[[@LINE-1]]:3: warning: the task returned by 'fetch' is discarded, so the coroutine never runs; co_await it, or hand it to the executor that runs your tasks (a spawn or when_all call)
  // CHECK: mini_task.h:10:25: note: 'Task' starts suspended: its promise's initial_suspend() suspends
  (void)fetch(2); // silences [[nodiscard]], still never runs
  // CHECK: :[[@LINE-1]]:9: warning: the task returned by 'fetch' is cast to void, so the coroutine never runs
  // CHECK: mini_task.h:10:25: note: 'Task' starts suspended
  log_line("hello");
  // CHECK: :[[@LINE-1]]:3: warning: the task returned by 'log_line' is discarded
  // CHECK: mini_task.h:{{[0-9]+}}:25: note: 'Task' starts suspended
  make_job();
  // CHECK: :[[@LINE-1]]:3: warning: the task returned by 'make_job' is discarded
  // CHECK: coro_kinds.h:{{[0-9]+}}:25: note: 'Job' starts suspended
  lazy_step();
  // CHECK: :[[@LINE-1]]:3: warning: the task returned by 'lazy_step' is discarded
  // CHECK: coro_kinds.h:{{[0-9]+}}:25: note: 'Lazy' starts suspended
  co_return;
}

// Outside coroutines too: a plain function that calls a coroutine and
// drops the task never runs it.
void plain_caller() {
  if (true)
    fetch(3);
  // CHECK: :[[@LINE-1]]:5: warning: the task returned by 'fetch' is discarded
  // CHECK: mini_task.h:10:25: note: 'Task' starts suspended
}

Task<> stores_and_forgets() {
  auto pending = fetch(4);
  // CHECK: :[[@LINE-1]]:8: warning: task 'pending' returned by 'fetch' is never awaited, started, returned or passed on, so the coroutine never runs
  // CHECK: mini_task.h:10:25: note: 'Task' starts suspended
  Job job = make_job();
  // CHECK: :[[@LINE-1]]:7: warning: task 'job' returned by 'make_job' is never awaited, started, returned or passed on
  // CHECK: coro_kinds.h:{{[0-9]+}}:25: note: 'Job' starts suspended
  if (job.started()) // asking does not start it
    co_return;
  co_return;
}

Task<> forgets_the_sleep() {
  loop::sleep(100); // an awaiter: nothing happens unless awaited
  // CHECK: :[[@LINE-1]]:3: warning: the awaitable returned by 'loop::sleep' is discarded without being awaited, so it has no effect; co_await it
  // OPTS-NOT: :[[@LINE-2]]:3: warning
  auto nap = loop::sleep(5);
  // CHECK: :[[@LINE-1]]:8: warning: awaitable 'nap' returned by 'loop::sleep' is never awaited, started, returned or passed on, so it has no effect
  co_return;
}

// The runtime's gather is a lazy coroutine too: dropping it runs nothing.
concur::Task<int> compute(int v) { co_return v * 2; }
concur::Task<> drops_gather() {
  concur::gather(compute(1), compute(2));
  // CHECK: :[[@LINE-1]]:3: warning: the task returned by 'concur::gather' is discarded
  // CHECK: event_loop.h:{{[0-9]+}}:{{[0-9]+}}: note: 'concur::Task' starts suspended
  co_return;
}

// Template instantiations report once, at the template's line.
template <typename T> Task<> twice(T v) {
  fetch(static_cast<int>(v));
  // CHECK: :[[@LINE-1]]:3: warning: the task returned by 'fetch' is discarded
  // CHECK: mini_task.h:10:25: note: 'Task' starts suspended
  co_return;
}
template Task<> twice(int);
template Task<> twice(long);

// Configured awaitable types (AwaitableTypes) count as tasks.
Request make_request(int id) { return Request{id}; }
void sends_nothing() {
  make_request(1);
  // OPTS: :[[@LINE-1]]:3: warning: the task returned by 'make_request' is discarded
}

// ---- Look-alike negatives ----------------------------------------------------

Task<int> awaited_forms() {
  int a = co_await fetch(1);           // awaited at once
  auto later = fetch(2);               // stored, awaited later
  a += co_await later;
  auto moved = fetch(3);
  a += co_await std::move(moved);
  co_await loop::sleep(10);            // an awaited async sleep
  co_return a;
}

Task<int> returned_tasks() { return fetch(5); } // the caller awaits it
Task<int> returned_local() {
  auto t = fetch(6);
  return t; // handed to the caller (copy of the handle)
}

Task<> all_of(std::vector<Task<int>> tasks) {
  for (auto &t : tasks)
    co_await t;
}
// Elements named by reference belong to the container's owner, who awaits
// them: looking at each one is not dropping it.
int count_pending(std::vector<Task<int>> &tasks) {
  int n = 0;
  for (auto &t : tasks)
    n += 1;
  for (const Task<int> &t : tasks)
    n += 1;
  return n;
}
Task<> passed_on() {
  std::vector<Task<int>> batch;
  batch.push_back(fetch(7));           // moved into a container that is awaited
  auto extra = fetch(8);
  batch.push_back(std::move(extra));
  co_await all_of(std::move(batch));
}

concur::Task<> runtime_handoffs(concur::EventLoop &loop) {
  loop.create_task(compute(3));        // started by the loop: the result is a handle
  auto [x, y] = co_await concur::gather(compute(4), compute(5));
  auto slow = compute(6);
  co_await concur::wait_for(std::move(slow), 10ms);
  (void)x;
  (void)y;
}

Task<> started_by_hand() {
  Job job = make_job();
  job.start();                         // a non-const member starts it
  auto captured = fetch(9);
  auto waiter = [&]() -> Task<> { co_await captured; };
  co_await waiter();                   // awaited inside the lambda
  co_return;
}

void eager_and_generators() {
  EagerTask runs_now = [] () -> EagerTask { co_return; }();
  (void)runs_now;
  FireAndForget fire = [] () -> FireAndForget { co_return; }();
  (void)fire;
  auto numbers = [] () -> Numbers { co_yield 1; co_yield 2; };
  int sum = 0;
  for (int n : numbers())              // a generator: consumed by range-for
    sum += n;
  numbers();                           // a generator, not a task
  (void)sum;
}

struct Worker {
  Task<int> pending;
  Task<int> step() { co_return 1; }
  void schedule() { pending = step(); } // stored in a member: owned elsewhere
};

void indirect(std::function<Task<int>()> factory, Task<int> *slot) {
  *slot = factory();                   // assigned through a pointer: owned elsewhere
  Task<int> *p = slot;                 // a pointer to a task is not a task
  (void)p;
}

// OPTS-NOT: warning: the awaitable returned by
