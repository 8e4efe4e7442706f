// A spin mutex of the program's own is not recursive: its holder that
// locks it again spins forever. One that remembers its owner thread lets
// the owner in again, and one that wraps std::recursive_mutex is as
// recursive as what it wraps.
// RUN: %clang_tidy -checks='-*,concur-relock-non-recursive,concur-manual-lock-unlock' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <mutex>
#include <thread>

class Spin {
public:
  Spin() = default;
  Spin(const Spin &) = delete;
  void lock() {
    while (taken.exchange(true, std::memory_order_acquire)) {
    }
  }
  void unlock() { taken.store(false, std::memory_order_release); }

private:
  std::atomic<bool> taken{false};
};

class OwnedSpin {
public:
  OwnedSpin() = default;
  OwnedSpin(const OwnedSpin &) = delete;
  void lock() {
    if (owner.load() == std::this_thread::get_id()) {
      ++depth;
      return;
    }
    while (taken.exchange(true)) {
    }
    owner = std::this_thread::get_id();
    depth = 1;
  }
  void unlock() {
    if (--depth == 0) {
      owner = std::thread::id();
      taken.store(false);
    }
  }

private:
  std::atomic<bool> taken{false};
  std::atomic<std::thread::id> owner{};
  int depth = 0;
};

class Reentrant {
public:
  void lock() { inner.lock(); }
  void unlock() { inner.unlock(); }

private:
  std::recursive_mutex inner;
};

Spin spin;
OwnedSpin owned;
Reentrant reentrant;
int total;

void nestedOwned() {
  std::lock_guard<OwnedSpin> a(owned);
  std::lock_guard<OwnedSpin> b(owned);
  ++total;
}

void nestedReentrant() {
  reentrant.lock();
  reentrant.lock();
  ++total;
  reentrant.unlock();
  reentrant.unlock();
}

// Kept positive: the plain spin lock taken twice on one path.
void nestedSpin() {
  std::lock_guard<Spin> a(spin);
  // CHECK: :[[@LINE+1]]:25: warning: 'spin' is locked again while this path already holds it{{.*}}[concur-relock-non-recursive]
  std::lock_guard<Spin> b(spin);
  // CHECK: :[[@LINE-3]]:{{[0-9]+}}: note: 'spin' is first acquired here
  ++total;
}

// Kept positive: a manual lock() of the learned mutex with a path that
// returns holding it.
bool bump(bool stop) {
  spin.lock();
  if (stop)
    return false;
  // CHECK: :[[@LINE-3]]:{{[0-9]+}}: warning: {{.*}}'spin'{{.*}}[concur-manual-lock-unlock]
  // CHECK: :[[@LINE-2]]:{{[0-9]+}}: note: this return leaves 'spin' locked
  // CHECK: :[[@LINE+2]]:{{[0-9]+}}: note: 'spin' is unlocked here on other paths
  ++total;
  spin.unlock();
  return true;
}

// A guard of the program's own with an adopting constructor (it stores a
// mutex the caller already locked) and a lock() that checks its own state:
// neither locks the held mutex a second time.
template <typename M> class Hold {
public:
  enum adopt_t { adopt };
  explicit Hold(M &m) : m_(m) {
    m_.lock();
    locked_ = true;
  }
  Hold(M &m, adopt_t) : m_(m), locked_(true) {}
  ~Hold() {
    if (locked_)
      m_.unlock();
  }
  void lock() {
    if (!locked_) {
      m_.lock();
      locked_ = true;
    }
  }
  void unlock() {
    if (locked_) {
      m_.unlock();
      locked_ = false;
    }
  }

private:
  M &m_;
  bool locked_ = false;
};

void adopted() {
  spin.lock();
  Hold<Spin> g(spin, Hold<Spin>::adopt);
  ++total;
}

bool step(Hold<Spin> &g) {
  g.unlock();
  return ++total < 10;
}
void steps() {
  Hold<Spin> g(spin);
  for (; step(g); g.lock()) {
  }
}
