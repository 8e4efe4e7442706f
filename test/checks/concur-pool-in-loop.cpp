// RUN: %clang_tidy -checks='-*,concur-pool-in-loop' %s -- -std=c++20 -I %S/Inputs 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-pool-in-loop' %s \
// RUN:   -config="{CheckOptions: {PoolTypes: 'Executor'}}" \
// RUN:   -- -std=c++20 -I %S/Inputs 2>&1 | FileCheck %s --check-prefixes=CHECK,OPTS

#include "mini_pool.h"
#include <vector>

struct Executor { // not recognisable as a pool without configuration
  explicit Executor(int n) : n(n) {}
  int n;
};

// ---- Positives -------------------------------------------------------------

void per_iteration(const std::vector<int> &jobs) {
  for (int j : jobs) {
    MiniPool pool(4);
    // CHECK: :[[@LINE-1]]:14: warning: thread pool 'MiniPool' is constructed inside a loop: every iteration starts and joins its worker threads; create the pool once before the loop and reuse it
    pool.submit([j] { return j; }).get();
  }
  int n = 3;
  while (n--) {
    BS::thread_pool bs(2);
    // CHECK: :[[@LINE-1]]:21: warning: thread pool 'BS::thread_pool' is constructed inside a loop
    Executor e(2);
    // OPTS: :[[@LINE-1]]:14: warning: thread pool 'Executor' is constructed inside a loop
  }
}

int handle_request(int r) {
  MiniPool pool(8);
  // CHECK: :[[@LINE-1]]:12: warning: thread pool 'MiniPool' is constructed on every call of 'handle_request', which is called from a loop
  // CHECK: :[[@LINE+7]]:5: note: 'dispatch' is called in a loop here
  // CHECK: :[[@LINE+3]]:30: note: 'dispatch' calls 'handle_request' here
  return pool.submit([r] { return r; }).get();
}
int dispatch(int r) { return handle_request(r); }
void serve(int n) {
  for (int i = 0; i < n; ++i)
    dispatch(i);
}

// ---- Look-alikes that are fine ---------------------------------------------

void once(const std::vector<int> &jobs) {
  MiniPool pool(4); // before the loop
  for (int j : jobs)
    pool.submit([j] { return j; }).get();
}

MiniPool &shared_pool() {
  static MiniPool pool(4); // built once
  return pool;
}
void uses_shared(int n) {
  for (int i = 0; i < n; ++i)
    shared_pool().submit([i] { return i; }).get();
}

int setup() {
  MiniPool pool(2); // called once, not from a loop
  return pool.size();
}
int main() {
  for (int i = 0; i < 3; ++i) {
    JobQueue q; // not a pool: submit returns no future
    q.submit([] {});
  }
  return setup();
}
