// RUN: %clang_tidy -checks='-*,concur-pool-self-wait' %s -- -std=c++20 -I %S/Inputs 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-pool-self-wait' %s \
// RUN:   -config="{CheckOptions: {PoolWaitMethods: 'Batcher::drain', FutureTypes: 'Promise'}}" \
// RUN:   -- -std=c++20 -I %S/Inputs 2>&1 | FileCheck %s --check-prefixes=CHECK,OPTS

#include "mini_pool.h"
#include <future>

int leaf() { return 1; }

// ---- Positives -------------------------------------------------------------

void direct(MiniPool &pool) {
  auto outer = pool.submit([&pool] {
    auto inner = pool.submit(leaf);
    return inner.get();
    // CHECK: :[[@LINE-1]]:18: warning: task running on pool 'pool' blocks on a future of its own pool 'pool' in 'std::future::get'; once every worker of the pool waits, the awaited work never runs (deadlock)
    // CHECK: :[[@LINE-4]]:21: note: the task is submitted to 'pool' here
    // CHECK: :[[@LINE-4]]:23: note: the awaited future comes from 'pool' here
  });
  outer.get();
}

// The pool reaches the waiting code as a parameter: followed through the call.
int helper(MiniPool &p) { return p.submit(leaf).get(); }

struct Service {
  MiniPool pool_;
  void run() {
    pool_.submit([this] { return helper(pool_); }).get();
    // CHECK: :[[@LINE-1]]:34: warning: task running on pool 'pool_' calls 'helper', which blocks on a future of its own pool 'pool_'
    // CHECK: :[[@LINE-2]]:11: note: the task is submitted to 'pool_' here
    // CHECK: :[[@LINE-8]]:49: note: 'std::future::get' waits here
    // CHECK: :[[@LINE-9]]:36: note: the awaited future comes from 'pool_' here
  }
};

void whole_pool(BS::thread_pool &bs) {
  bs.detach_task([&bs] { bs.wait(); });
  // CHECK: :[[@LINE-1]]:29: warning: task running on pool 'bs' blocks on all work of its own pool 'bs' in 'BS::thread_pool::wait'
  // CHECK: :[[@LINE-2]]:6: note: the task is submitted to 'bs' here
}

// Configured: a user pool-wide wait.
struct Batcher {
  template <class F> std::future<int> submit(F f) { return std::async(std::launch::deferred, f); }
  void drain() {}
};
void drains(Batcher &b) {
  b.submit([&b] { b.drain(); return 0; }).get();
  // OPTS: :[[@LINE-1]]:21: warning: task running on pool 'b' blocks on all work of its own pool 'b'
  // OPTS: :[[@LINE-2]]:5: note: the task is submitted to 'b' here
}

// ---- Look-alikes that are fine ---------------------------------------------

void other_pool(MiniPool &pool, MiniPool &io) {
  pool.submit([&io] { return io.submit(leaf).get(); }).get(); // a different pool
}

void waits_outside(MiniPool &pool) {
  auto a = pool.submit(leaf);
  auto b = pool.submit([] { return leaf() + 1; });
  a.get(); // the submitter waits, not a task
  b.get();
}

void nested_task_not_waited(MiniPool &pool) {
  pool.submit([&pool] {
    auto inner = pool.submit(leaf);
    return 0; // returns without waiting
  }).get();
}
