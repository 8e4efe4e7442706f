// RUN: %clang_tidy -checks='-*,concur-blocking-call-under-lock' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A helper that asserts its caller holds the lock and then waits: the wait
// is reported once, where it is made; its callers, which hold that same
// lock, add no finding of their own. A caller holding another lock too is
// still told about that one.
#include <condition_variable>
#include <mutex>

class Mutex {
public:
  Mutex();
  Mutex(const Mutex &) = delete;
  void Lock();
  void Unlock();
  void AssertHeld();
  void lock() { Lock(); }
  void unlock() { Unlock(); }
};

Mutex db_mu, stats_mu;
std::mutex switch_mu;
std::condition_variable switch_cv;
int pending = 0, version = 0, reads = 0;

void wait_for_pending_writes() {
  db_mu.AssertHeld();
  std::unique_lock<std::mutex> lk(switch_mu);
  switch_cv.wait(lk, [] { return pending == 0; });
}

void flush() {
  std::lock_guard<Mutex> g(db_mu);
  wait_for_pending_writes();
  ++version;
}

void ingest() {
  std::lock_guard<Mutex> s(stats_mu);
  std::lock_guard<Mutex> g(db_mu);
  wait_for_pending_writes();
}

int read_version() {
  std::lock_guard<Mutex> g(db_mu);
  std::lock_guard<Mutex> s(stats_mu);
  ++reads;
  return version;
}

// Opted out of lock analysis by its author: nothing reported in it.
void drain_for_testing() __attribute__((no_thread_safety_analysis)) {
  std::lock_guard<Mutex> g(db_mu);
  std::unique_lock<std::mutex> lk(switch_mu);
  switch_cv.wait(lk, [] { return pending == 0; });
}

// CHECK: :29:13: warning: synchronous wait call to 'std::condition_variable::wait' while holding 'db_mu'{{.*}}[concur-blocking-call-under-lock]
// CHECK: :45:26: note: 'read_version' also takes 'db_mu' here and waits meanwhile
// CHECK: :41:3: warning: 'wait_for_pending_writes' reaches synchronous wait call 'std::condition_variable::wait' while 'stats_mu' is held here{{.*}}[concur-blocking-call-under-lock]
// CHECK: :29:13: note: 'std::condition_variable::wait' blocks here (synchronous wait)
// CHECK: :39:26: note: 'stats_mu' is acquired here
// CHECK: :46:26: note: 'read_version' also takes 'stats_mu' here and waits meanwhile
