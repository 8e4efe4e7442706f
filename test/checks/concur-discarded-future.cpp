// RUN: %clang_tidy -checks='-*,concur-discarded-future' %s -- -std=c++20 -I %S/Inputs 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-discarded-future' %s \
// RUN:   -config="{CheckOptions: {concur-discarded-future.AllowExplicitDiscard: false}}" \
// RUN:   -- -std=c++20 -I %S/Inputs 2>&1 | FileCheck %s --check-prefix=STRICT

#include "mini_pool.h"
#include <future>
#include <vector>

int work(int x) { return x * 2; }

// ---- Positives -------------------------------------------------------------

void dropped_async() {
  std::async(std::launch::async, work, 1);
  // CHECK: :[[@LINE-1]]:3: warning: the std::future returned by std::async is discarded: its destructor waits for the task at the end of the statement, so this call runs synchronously
  (void)std::async(std::launch::async, work, 2); // still synchronous
  // CHECK: :[[@LINE-1]]:9: warning: the std::future returned by std::async is discarded
}

void dropped_pool_future(MiniPool &pool, BS::thread_pool &bs) {
  pool.submit([] { return 1; });
  // CHECK: :[[@LINE-1]]:8: warning: the future returned by 'MiniPool::submit' is discarded: an exception thrown by the task is lost
  bs.submit_task([] { return 2; });
  // CHECK: :[[@LINE-1]]:6: warning: the future returned by 'BS::thread_pool::submit_task' is discarded
  for (int i = 0; i < 3; ++i)
    pool.submit([i] { return i; });
  // CHECK: :[[@LINE-1]]:10: warning: the future returned by 'MiniPool::submit' is discarded
}

void stored_never_waited(MiniPool &pool) {
  auto f = pool.submit([] { return 1; });
  // CHECK: :[[@LINE-1]]:17: warning: the future returned by 'MiniPool::submit' is stored in 'f' but never waited on
  // CHECK: :[[@LINE-2]]:8: note: 'f' declared here
  std::future<int> g = std::async(std::launch::async, work, 3);
  // CHECK: :[[@LINE-1]]:24: warning: the std::future from std::async stored in 'g' is never waited on
  // CHECK: :[[@LINE-2]]:20: note: 'g' declared here
  if (g.valid()) {
  }
  auto d = std::async(std::launch::deferred, work, 4);
  // CHECK: :[[@LINE-1]]:12: warning: the deferred std::async task stored in 'd' is never waited on, so it never runs
  // CHECK: :[[@LINE-2]]:8: note: 'd' declared here
}

// ---- Look-alikes that are fine ---------------------------------------------

void explicit_fire_and_forget(MiniPool &pool) {
  (void)pool.submit([] { return 1; }); // deliberate; reported only in STRICT mode
  // STRICT: :[[@LINE-1]]:14: warning: the future returned by 'MiniPool::submit' is discarded
}

int waited(MiniPool &pool) {
  auto f = pool.submit([] { return 1; });
  auto g = std::async(std::launch::async, work, 2);
  std::future<int> h;
  h = pool.submit([] { return 3; });
  h.wait();
  return f.get() + g.get() + pool.submit([] { return 4; }).get();
}

std::future<int> returned(MiniPool &pool) {
  auto f = pool.submit([] { return 1; });
  return f; // the caller waits
}

void collected(MiniPool &pool, std::vector<std::future<int>> &out) {
  auto f = pool.submit([] { return 1; });
  out.push_back(std::move(f));
  out.push_back(pool.submit([] { return 2; }));
  auto s = pool.submit([] { return 3; }).share();
  (void)s;
}

void not_futures(BS::thread_pool &bs, JobQueue &q) {
  bs.detach_task([] {}); // returns void: fire-and-forget by design
  q.submit([] {});       // not a future
  work(1);
}
