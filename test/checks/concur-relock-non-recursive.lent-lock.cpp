// A helper called with the lock held that lets it go around slow work and
// takes it back returns the caller's lock to the caller: not a relock.
// RUN: %clang_tidy -checks='-*,concur-relock-non-recursive,concur-manual-lock-unlock' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>

void writeToDisk();

class Journal {
public:
  void append() {
    std::lock_guard<std::mutex> g(mu_);
    ++pending_;
    flushUnlocked();
    pending_ = 0;
  }
  // Kept positive: a helper that takes the lock again without letting it go.
  void appendTwice() {
    std::lock_guard<std::mutex> g(mu_);
    // CHECK: :[[@LINE+1]]:5: warning: 'Journal::count' locks 'Journal::mu_', which this path already holds{{.*}}[concur-relock-non-recursive]
    count();
    // CHECK: :[[@LINE+12]]:{{[0-9]+}}: note: 'Journal::mu_' is locked again here
    // CHECK: :[[@LINE-4]]:{{[0-9]+}}: note: 'Journal::mu_' is first acquired here
  }

private:
  // Called with mu_ held.
  void flushUnlocked() {
    mu_.unlock();
    writeToDisk();
    mu_.lock();
  }
  int count() {
    std::lock_guard<std::mutex> g(mu_);
    return pending_;
  }
  std::mutex mu_;
  int pending_ = 0;
};
