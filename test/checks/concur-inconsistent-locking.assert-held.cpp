// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A method that asserts its caller holds the lock (`mu_.AssertHeld()` on a
// Google-style mutex, or a function marked ASSERT_CAPABILITY) runs with the
// lock held from there on, as if it were marked REQUIRES. A method marked
// NO_THREAD_SAFETY_ANALYSIS is outside the discipline. A mutex reached
// through an accessor that returns it (`mutex()->Lock()`) is that mutex.
#include <mutex>

namespace port {
class Mutex {
public:
  Mutex();
  Mutex(const Mutex &) = delete;
  void Lock();
  void Unlock();
  void AssertHeld(); // checks the calling thread holds it (debug builds)
  void lock() { Lock(); }
  void unlock() { Unlock(); }
};
} // namespace port

class __attribute__((capability("mutex"))) Gate {
public:
  void Enter() __attribute__((acquire_capability()));
  void Leave() __attribute__((release_capability()));
  void Check() const __attribute__((assert_capability(this)));
};

class Ledger {
public:
  void Deposit(long n) {
    mu_.Lock();
    balance_ += n;
    entries_++;
    mu_.Unlock();
  }
  void Withdraw(long n) {
    std::lock_guard<port::Mutex> g(mu_);
    balance_ -= n;
    entries_++;
  }
  // The caller holds mu_.
  void ApplyFeeLocked(long fee) {
    mu_.AssertHeld();
    balance_ -= fee;
  }
  // The caller holds mu_; it lets it go around slow work on one path only,
  // and takes it back.
  void WaitForWritersLocked(bool pipelined) {
    mu_.AssertHeld();
    if (pipelined) {
      mu_.Unlock();
      Drain();
      mu_.Lock();
    }
  }
  void Flush(bool pipelined) {
    std::lock_guard<port::Mutex> g(mu_);
    WaitForWritersLocked(pipelined);
    entries_++;
  }
  // Through the accessor that hands out mu_ (as `db->mutex()->Lock()`).
  port::Mutex *mutex() { return &mu_; }
  void Audit() {
    mutex()->Lock();
    entries_++;
    mutex()->Unlock();
  }
  // Kept positive: no lock and no assertion.
  void Reset() { entries_ = 0; }

  void Open() {
    gate_.Enter();
    sessions_++;
    gate_.Leave();
  }
  void Close() {
    gate_.Enter();
    sessions_--;
    gate_.Leave();
  }
  void CloseLocked() {
    gate_.Check();
    sessions_--;
  }
  // Opted out of lock analysis by its author (NO_THREAD_SAFETY_ANALYSIS).
  void SetSessionsForTesting(long n) __attribute__((no_thread_safety_analysis)) {
    sessions_ = n;
  }

private:
  void Drain(); // waits for writers, in another file
  port::Mutex mu_;
  Gate gate_;
  long balance_ = 0;
  long entries_ = 0;
  long sessions_ = 0;
};

// CHECK: :71:18: warning: 'Ledger::entries_' is written without 'Ledger::mu_' held in 'Ledger::Reset', but it is written with 'Ledger::mu_' held at 4 of 5 sites{{.*}}[concur-inconsistent-locking]
// CHECK: :35:5: note: 'Ledger::entries_' is written with 'Ledger::mu_' held here, in 'Ledger::Deposit'
// CHECK: :33:5: note: 'Ledger::mu_' is acquired here
