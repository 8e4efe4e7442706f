// A project's own spin mutex (BasicLockable, not copyable, lock() loops)
// and its own scoped lock template (constructed from the mutex, remembers
// it, locks through its acquire(), unlocks through release() in the
// destructor) lock as std::mutex and std::lock_guard do, with the mutex
// object as the lock's identity. A guard's release() in mid-scope unlocks;
// its acquire(m) locks again.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <thread>

namespace kit {
class SpinMutex {
public:
  SpinMutex() = default;
  SpinMutex(const SpinMutex &) = delete;
  void lock() {
    while (busy.exchange(true, std::memory_order_acquire))
      std::this_thread::yield();
  }
  bool try_lock() { return !busy.exchange(true, std::memory_order_acquire); }
  void unlock() { busy.store(false, std::memory_order_release); }

private:
  std::atomic<bool> busy{false};
};

template <typename Mutex> class Holder {
  Mutex *held = nullptr;

public:
  Holder() = default;
  explicit Holder(Mutex &m) { acquire(m); }
  Holder(const Holder &) = delete;
  void acquire(Mutex &m) {
    held = &m;
    m.lock();
  }
  void release() {
    held->unlock();
    held = nullptr;
  }
  ~Holder() {
    if (held)
      release();
  }
};
} // namespace kit

struct Registry {
  static kit::SpinMutex gate;
  static Registry *current;
  int users = 0;
};
kit::SpinMutex Registry::gate;
Registry *Registry::current;

Registry &attach() {
  kit::Holder<kit::SpinMutex> hold(Registry::gate);
  if (!Registry::current)
    Registry::current = new Registry;
  ++Registry::current->users;
  return *Registry::current;
}

void detach() {
  kit::Holder<kit::SpinMutex> hold(Registry::gate);
  while (Registry::current && Registry::current->users > 8) {
    hold.release();
    std::this_thread::yield();
    hold.acquire(Registry::gate);
  }
  if (Registry::current && --Registry::current->users == 0)
    Registry::current = nullptr;
}

int spinCount;
void manual() {
  Registry::gate.lock();
  ++spinCount;
  Registry::gate.unlock();
}

void client() {
  attach();
  detach();
  manual();
}
void clients() {
  std::thread a(client), b(client);
  a.join();
  b.join();
}

// Kept positive: the access after release() in mid-scope is unguarded.
int misses;
void countMiss() {
  kit::Holder<kit::SpinMutex> hold(Registry::gate);
  ++misses;
  hold.release();
  ++misses;
}
void missers() {
  std::thread a(countMiss), b(countMiss);
  a.join();
  b.join();
}

// Kept positive: a copyable class with lock()/unlock() that only sets a
// flag is no lock.
struct Toggle {
  bool on = false;
  void lock() { on = true; }
  void unlock() { on = false; }
};
Toggle toggle;
int toggled;
void flip() {
  toggle.lock();
  ++toggled;
  toggle.unlock();
}
void flippers() {
  std::thread a(flip), b(flip);
  a.join();
  b.join();
}
// CHECK: :101:5: warning: read-modify-write of shared 'misses'{{.*}}[concur-unguarded-shared-state]
// CHECK: :104:15: note: thread entry 'countMiss' starts here
// CHECK: :99:5: note: conflicting write of 'misses'
// CHECK: :104:29: note: thread entry 'countMiss' starts here
// CHECK: :98:31: note: 'gate' is held here
// CHECK: :113:17: warning: shared 'Toggle::on' is written{{.*}}[concur-unguarded-shared-state]
// CHECK-COUNT-5: note:
// CHECK: :114:19: warning: shared 'Toggle::on' is written{{.*}}[concur-unguarded-shared-state]
// CHECK-COUNT-5: note:
// CHECK: :120:5: warning: read-modify-write of shared 'toggled'{{.*}}[concur-unguarded-shared-state]
// CHECK: :124:15: note: thread entry 'flip' starts here
// CHECK: :120:5: note: conflicting write of 'toggled'
// CHECK: :124:24: note: thread entry 'flip' starts here
