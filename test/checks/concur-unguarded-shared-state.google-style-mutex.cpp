// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state,concur-blocking-call-under-lock' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A project's own mutexes with Google-style names: a port mutex whose
// lock() hands over to a Lock() defined in another file, an instrumented
// mutex with only Lock()/Unlock() (its Unlock() shows it releases the port
// mutex), a scoped guard of it, and a scoped *unlocker* that lets the
// mutex go for one scope and takes it back when destroyed.
#include <mutex>
#include <thread>
#include <unistd.h>

namespace port {
class Mutex {
public:
  Mutex();
  Mutex(const Mutex &) = delete;
  void operator=(const Mutex &) = delete;
  ~Mutex();
  void Lock();   // defined in another file
  void Unlock(); // likewise
  void lock() { Lock(); }
  void unlock() { Unlock(); }

private:
  long native_;
};
} // namespace port

class CountedMutex {
public:
  void Lock(); // counts contention, then locks mutex_; in another file
  void Unlock() { mutex_.Unlock(); }

private:
  port::Mutex mutex_;
};

class CountedLock {
public:
  explicit CountedLock(CountedMutex *mu) : mu_(mu) { mu_->Lock(); }
  ~CountedLock() { mu_->Unlock(); }
  CountedLock(const CountedLock &) = delete;

private:
  CountedMutex *const mu_;
};

class CountedUnlock {
public:
  explicit CountedUnlock(CountedMutex *mu) : mu_(mu) { mu_->Unlock(); }
  ~CountedUnlock() { mu_->Lock(); }
  CountedUnlock(const CountedUnlock &) = delete;

private:
  CountedMutex *const mu_;
};

struct Store {
  CountedMutex mu;
  port::Mutex stats_mu;
  long version = 0; // under mu: no race
  long flushed = 0; // written in the unlocked scope: a race
  long lookups = 0; // under stats_mu: no race

  void flush() {
    CountedLock l(&mu);
    version++;
    {
      CountedUnlock u(&mu);
      sleep(1); // the lock is let go for the slow part
      flushed++;
    }
    version++;
    sleep(1); // holding mu again
  }

  long current() {
    CountedLock l(&mu); // a short hold: mu is not a lock for slow work
    return version;
  }

  void lookup() {
    std::lock_guard<port::Mutex> g(stats_mu);
    lookups++;
  }

  void run() {
    std::thread a(&Store::flush, this), b(&Store::flush, this);
    std::thread c(&Store::lookup, this), d(&Store::lookup, this);
    a.join();
    b.join();
    c.join();
    d.join();
  }
};

int main() {
  Store s;
  s.run();
}

// CHECK: :71:7: warning: read-modify-write of shared 'Store::flushed' on the thread started at line 88 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides){{.*}}[concur-unguarded-shared-state]
// CHECK: :88:17: note: thread entry 'Store::flush' starts here
// CHECK: :71:7: note: conflicting write of 'Store::flushed' on the thread started at line 88
// CHECK: :88:41: note: thread entry 'Store::flush' starts here
// CHECK: :74:5: warning: sleep call to 'sleep' while holding 'Store::mu'{{.*}}[concur-blocking-call-under-lock]
// CHECK: :78:17: note: 'Store::current' also takes 'Store::mu' here and waits meanwhile
