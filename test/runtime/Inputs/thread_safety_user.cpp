// Checked with clang -verify: every diagnostic marked below must appear,
// and no other may.
#include <concur/sync.h>

struct Account {
  concur::Mutex mu;
  int balance CONCUR_GUARDED_BY(mu) = 0;

  void deposit_ok(int amount) {
    concur::MutexLock lock(mu);
    balance += amount;
  }
  void deposit_racy(int amount) {
    balance += amount;  // expected-warning {{writing variable 'balance' requires holding mutex 'mu' exclusively}}
  }
  int read_racy() {
    return balance;  // expected-warning {{reading variable 'balance' requires holding mutex 'mu'}}
  }
  void withdraw_locked(int amount) CONCUR_REQUIRES(mu) { balance -= amount; }
  void withdraw_without_lock() {
    withdraw_locked(1);  // expected-warning {{calling function 'withdraw_locked' requires holding mutex 'mu' exclusively}}
  }
  void forgot_unlock() {
    mu.lock();  // expected-note {{mutex acquired here}}
  }  // expected-warning {{mutex 'mu' is still held at the end of function}}
  void double_lock() {
    concur::MutexLock first(mu);  // expected-note {{mutex acquired here}}
    concur::MutexLock second(mu);  // expected-warning {{acquiring mutex 'mu' that is already held}}
  }
};

struct Cache {
  concur::SharedMutex mu;
  int hits CONCUR_GUARDED_BY(mu) = 0;

  int read_ok() {
    concur::ReaderLock lock(mu);
    return hits;
  }
  void write_under_reader_lock() {
    concur::ReaderLock lock(mu);
    ++hits;  // expected-warning {{writing variable 'hits' requires holding mutex 'mu' exclusively}}
  }
};

struct Reentrant {
  concur::RecursiveMutex mu;
  int depth CONCUR_GUARDED_BY(mu) = 0;
  void nested_ok() {
    concur::RecursiveMutexLock outer(mu);
    concur::RecursiveMutexLock inner(mu);  // re-entry is allowed for RecursiveMutex
    ++depth;
  }
};

struct Pool {
  concur::Semaphore slots{2};
  void use_ok() { concur::SemaphoreGuard slot(slots); }
  void leak_slot() {
    slots.acquire();  // expected-note {{semaphore acquired here}}
  }  // expected-warning {{semaphore 'slots' is still held at the end of function}}
};
