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

// A guard lent to a helper that unlocks it before calling code that takes
// the same mutex: the helper let the caller's lock go first.
class Registry {
public:
  bool attach() {
    std::unique_lock<std::mutex> lk(mu_);
    if (addRefUnlocked(lk))
      return true;
    ++created_;
    return false;
  }
  // Kept positive: a helper that is lent the guard but keeps it locked.
  bool attachQuietly() {
    std::unique_lock<std::mutex> lk(mu_);
    // CHECK: :[[@LINE+1]]:9: warning: 'Registry::addRefLocked' locks 'Registry::mu_', which this path already holds{{.*}}[concur-relock-non-recursive]
    if (addRefLocked(lk))
      return true;
    // CHECK: :[[@LINE+19]]:{{[0-9]+}}: note: 'Registry::addRefLocked' calls 'Registry::resize' here
    // CHECK: :[[@LINE+22]]:{{[0-9]+}}: note: 'Registry::mu_' is locked again here
    // CHECK: :[[@LINE-6]]:{{[0-9]+}}: note: 'Registry::mu_' is first acquired here
    return false;
  }

private:
  bool addRefUnlocked(std::unique_lock<std::mutex> &lk) {
    if (refs_ == 0)
      return false;
    ++refs_;
    lk.unlock();
    resize();
    return true;
  }
  bool addRefLocked(std::unique_lock<std::mutex> &lk) {
    if (refs_ == 0 || !lk.owns_lock())
      return false;
    ++refs_;
    resize();
    return true;
  }
  void resize() {
    std::lock_guard<std::mutex> g(mu_);
    ++size_;
  }
  std::mutex mu_;
  int refs_ = 0, created_ = 0, size_ = 0;
};
