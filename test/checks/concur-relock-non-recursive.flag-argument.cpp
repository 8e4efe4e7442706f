// RUN: %clang_tidy -checks='-*,concur-relock-non-recursive' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A helper that takes the lock only when its caller says it does not hold
// it (`need_lock`), and otherwise asserts the caller holds it: a call
// passing false, made with the lock held, does not lock again; one
// passing true does.
#include <mutex>

class Mutex {
public:
  Mutex();
  Mutex(const Mutex &) = delete;
  void Lock();
  void Unlock();
  void AssertHeld();
  void lock() { Lock(); } // BasicLockable, for std::lock_guard
  void unlock() { Unlock(); }
};

class MutexLock {
public:
  explicit MutexLock(Mutex *mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() { mu_->Unlock(); }
  MutexLock(const MutexLock &) = delete;

private:
  Mutex *const mu_;
};

Mutex options_mu;
int options_version = 0;

void persist_options(bool need_lock) {
  if (need_lock)
    options_mu.Lock();
  else
    options_mu.AssertHeld();
  ++options_version;
  if (need_lock)
    options_mu.Unlock();
}

// ---- Negatives -------------------------------------------------------------

void set_options() {
  MutexLock g(&options_mu);
  options_version = 0;
  persist_options(/*need_lock=*/false);
}

void reload_options() { persist_options(true); }

// Lets go of the caller's lock for the slow part, in which a helper takes
// it itself, and takes it back before returning.
void record_file() {
  MutexLock g(&options_mu);
  options_version++;
}
void write_options(bool need_lock) {
  if (need_lock)
    options_mu.Lock();
  else
    options_mu.AssertHeld();
  int seen = options_version;
  options_mu.Unlock();
  record_file();
  if (!need_lock)
    options_mu.Lock();
  (void)seen;
}
void apply_options() {
  MutexLock g(&options_mu);
  write_options(/*need_lock=*/false);
}

// ---- Positives -------------------------------------------------------------

void reset_options() {
  MutexLock g(&options_mu);
  persist_options(/*need_lock=*/true);
}

// CHECK: :80:3: warning: 'persist_options' locks 'options_mu', which this path already holds{{.*}}[concur-relock-non-recursive]
// CHECK: :35:5: note: 'options_mu' is locked again here
// CHECK: :79:13: note: 'options_mu' is first acquired here
