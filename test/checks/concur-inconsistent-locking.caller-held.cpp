// Two facts the class does not state itself:
//  - a helper every caller calls with the lock held runs under that lock
//    (when all its callers are visible: private, internal, or defined in
//    this file, and never passed as a callback);
//  - a member whose class is made only of atomics (and constants) is as
//    safe to share as those atomics.
// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <mutex>

class Workers {
public:
  void resize(int n) {
    std::lock_guard<std::mutex> g(mu_);
    limit_ = n;
    startMissing();
  }
  void submit() {
    std::lock_guard<std::mutex> g(mu_);
    ++queued_;
    startMissing();
  }
  // Public, but every call here holds mu_.
  void startMissing() {
    while (running_ < limit_)
      ++running_;
  }
  // Kept positive: nobody holds mu_ around this one.
  int running() const {
    // CHECK: :[[@LINE+1]]:12: warning: 'Workers::running_' is read without 'Workers::mu_' held in 'Workers::running'{{.*}}[concur-inconsistent-locking]
    return running_;
  }
  // CHECK: :[[@LINE-7]]:{{[0-9]+}}: note: 'Workers::running_' is written with 'Workers::mu_' held here, in 'Workers::startMissing'
  // CHECK: :[[@LINE-20]]:{{[0-9]+}}: note: 'Workers::mu_' is acquired here

private:
  std::mutex mu_;
  int limit_ = 0;
  int queued_ = 0;
  int running_ = 0;
};

// Every member is atomic or constant: updates need no lock.
struct Tally {
  void add(long v); // defined in another file
  std::atomic<long> count{0};
  std::atomic<long> sum{0};
  std::atomic<long> buckets[8];
  const int width = 8;
};

class Meter {
public:
  void record(long v) { tally_.add(v); }
  void roll() {
    std::lock_guard<std::mutex> g(mu_);
    tally_.add(0);
    ++windows_;
  }
  // Kept positive.
  // CHECK: :[[@LINE+1]]:32: warning: 'Meter::windows_' is read without 'Meter::mu_' held in 'Meter::windows'{{.*}}[concur-inconsistent-locking]
  int windows() const { return windows_; }
  // CHECK: :[[@LINE-5]]:{{[0-9]+}}: note: 'Meter::windows_' is written with 'Meter::mu_' held here, in 'Meter::roll'
  // CHECK: :[[@LINE-8]]:{{[0-9]+}}: note: 'Meter::mu_' is acquired here

private:
  std::mutex mu_;
  Tally tally_;
  int windows_ = 0;
};
