// A wait primitive (a function whose condition wait sleeps on a lock its
// caller holds) releases that lock: calling it under the lock is how it is
// used, not blocking under a lock. A wrapper that takes a lock of its own and
// waits still blocks its caller's lock holders.
// RUN: %clang_tidy -checks='-*,concur-blocking-call-under-lock' %s -- -std=c++20 -I %S/Inputs 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include "caller_lock.h"

class Queue {
public:
  void put() {
    lock_.acquire();
    ++items_;
    nonempty_.wake();
    lock_.release();
  }
  void take() {
    lock_.acquire();
    while (items_ == 0)
      nonempty_.sleep(); // releases lock_ while it sleeps
    --items_;
    lock_.release();
  }
  void takeThroughHelper() {
    lock_.acquire();
    waitForItems();
    --items_;
    lock_.release();
  }

private:
  // Called with lock_ held; its loop re-checks the state.
  void waitForItems() {
    while (items_ == 0)
      nonempty_.sleep();
  }

  Lock lock_;
  Signal nonempty_{&lock_};
  int items_ = 0;
};

// Kept positive: this wrapper sleeps on its own mutex, so a caller holding
// another lock keeps it through the whole wait.
class Latch {
public:
  void waitOpen() {
    std::unique_lock<std::mutex> l(m_);
    cv_.wait(l, [&] { return open_; });
  }

private:
  std::mutex m_;
  std::condition_variable cv_;
  bool open_ = false;
};

std::mutex registry;
Latch started;
int registered = 0;

void registerAfterStart() {
  std::lock_guard<std::mutex> g(registry);
  // CHECK: :[[@LINE+1]]:{{[0-9]+}}: warning: 'Latch::waitOpen' reaches synchronous wait call 'std::condition_variable::wait' while 'registry' is held here{{.*}}[concur-blocking-call-under-lock]
  started.waitOpen();
  // CHECK: :[[@LINE-17]]:{{[0-9]+}}: note: 'std::condition_variable::wait' blocks here
  // CHECK: :[[@LINE-4]]:{{[0-9]+}}: note: 'registry' is acquired here
  // CHECK: :[[@LINE+5]]:{{[0-9]+}}: note: 'count' also takes 'registry' here and waits meanwhile
  ++registered;
}

int count() {
  std::lock_guard<std::mutex> g(registry);
  return registered;
}
