// RUN: %clang_tidy -checks='-*,concur-relock-non-recursive' %s -- -std=c++20 -I %srcroot/runtime/include 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-relock-non-recursive' %s \
// RUN:   -config="{CheckOptions: {concur-relock-non-recursive.MaxCallDepth: 1}}" \
// RUN:   -- -std=c++20 -I %srcroot/runtime/include 2>&1 | FileCheck %s --check-prefix=DEPTH1

#include <concur/sync.h>
#include <mutex>
#include <pthread.h>
#include <shared_mutex>

std::mutex m;
int counter = 0;

void direct_twice() {
  m.lock();
  // CHECK: :[[@LINE+1]]:3: warning: 'm' is locked again while this path already holds it; a non-recursive mutex deadlocks {{.*}}[concur-relock-non-recursive]
  m.lock();
  // CHECK: :[[@LINE-3]]:3: note: 'm' is first acquired here
  m.unlock();
  m.unlock();
}

void increment() {
  std::lock_guard<std::mutex> g(m);
  ++counter;
}

void increment_twice() {
  std::lock_guard<std::mutex> g(m);
  // CHECK: :[[@LINE+1]]:3: warning: 'increment' locks 'm', which this path already holds; {{.*}}[concur-relock-non-recursive]
  increment();
  // CHECK: :25:{{[0-9]+}}: note: 'm' is locked again here
  // CHECK: :[[@LINE-4]]:{{[0-9]+}}: note: 'm' is first acquired here
  ++counter;
}

void outer_helper() { increment(); }

void two_hops() {
  std::unique_lock<std::mutex> lk(m);
  // CHECK: :[[@LINE+1]]:3: warning: 'outer_helper' locks 'm', which this path already holds; {{.*}}[concur-relock-non-recursive]
  outer_helper();
  // CHECK: :[[@LINE-6]]:23: note: 'outer_helper' calls 'increment' here
  // CHECK: :25:{{[0-9]+}}: note: 'm' is locked again here
  // CHECK: :[[@LINE-5]]:{{[0-9]+}}: note: 'm' is first acquired here
}
// DEPTH1: :[[@LINE-16]]:3: warning: 'increment' locks 'm'
// DEPTH1-NOT: 'outer_helper' locks 'm'

// Released before the helper runs: fine.
void unlock_then_call() {
  std::unique_lock<std::mutex> lk(m);
  ++counter;
  lk.unlock();
  increment();
}

// Scoped guard ends before the call: fine.
void scoped_then_call() {
  {
    std::lock_guard<std::mutex> g(m);
    ++counter;
  }
  increment();
}

// Recursive mutexes may be re-entered.
std::recursive_mutex rm;
void recursive_inner() { std::lock_guard<std::recursive_mutex> g(rm); }
void recursive_outer() {
  std::lock_guard<std::recursive_mutex> g(rm);
  recursive_inner();
}
concur::RecursiveMutex runtime_rm;
void runtime_recursive() {
  std::lock_guard<concur::RecursiveMutex> a(runtime_rm);
  std::lock_guard<concur::RecursiveMutex> b(runtime_rm);
}

// The runtime's non-recursive Mutex.
concur::Mutex runtime_m;
void runtime_twice() {
  std::lock_guard<concur::Mutex> a(runtime_m);
  // CHECK: :[[@LINE+1]]:{{[0-9]+}}: warning: 'runtime_m' is locked again while this path already holds it{{.*}}[concur-relock-non-recursive]
  std::lock_guard<concur::Mutex> b(runtime_m);
  // CHECK: :[[@LINE-3]]:{{[0-9]+}}: note: 'runtime_m' is first acquired here
}

// Shared mutex: two reader locks are fine, a writer under a reader is not.
std::shared_mutex sm;
void readers() {
  std::shared_lock<std::shared_mutex> a(sm);
  std::shared_lock<std::shared_mutex> b(sm);
}
void writer_under_reader() {
  std::shared_lock<std::shared_mutex> r(sm);
  // CHECK: :[[@LINE+1]]:{{[0-9]+}}: warning: 'sm' is locked again while this path already holds it{{.*}}[concur-relock-non-recursive]
  std::unique_lock<std::shared_mutex> w(sm);
  // CHECK: :[[@LINE-3]]:{{[0-9]+}}: note: 'sm' is first acquired here
}

// Default pthread mutex relocked through a helper; a recursive one is fine.
pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
void pthread_helper() {
  pthread_mutex_lock(&pm);
  pthread_mutex_unlock(&pm);
}
void pthread_outer() {
  pthread_mutex_lock(&pm);
  // CHECK: :[[@LINE+1]]:3: warning: 'pthread_helper' locks 'pm', which this path already holds{{.*}}[concur-relock-non-recursive]
  pthread_helper();
  // CHECK: :[[@LINE-7]]:3: note: 'pm' is locked again here
  // CHECK: :[[@LINE-4]]:3: note: 'pm' is first acquired here
  pthread_mutex_unlock(&pm);
}
pthread_mutex_t rpm = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
void pthread_recursive() {
  pthread_mutex_lock(&rpm);
  pthread_mutex_lock(&rpm);
  pthread_mutex_unlock(&rpm);
  pthread_mutex_unlock(&rpm);
}

// Fields: the same object relocks, two objects do not.
class Account {
public:
  int balance() {
    std::lock_guard<std::mutex> g(mu_);
    return balance_;
  }
  void deposit_and_report(int n) {
    std::lock_guard<std::mutex> g(mu_);
    balance_ += n;
    // CHECK: :[[@LINE+1]]:9: warning: 'Account::balance' locks 'Account::mu_', which this path already holds{{.*}}[concur-relock-non-recursive]
    log(balance());
    // CHECK: :[[@LINE-8]]:{{[0-9]+}}: note: 'Account::mu_' is locked again here
    // CHECK: :[[@LINE-5]]:{{[0-9]+}}: note: 'Account::mu_' is first acquired here
  }
  static void transfer(Account &from, Account &to, int n) {
    from.mu_.lock();
    to.mu_.lock();
    from.balance_ -= n;
    to.balance_ += n;
    to.mu_.unlock();
    from.mu_.unlock();
  }
  int other_balance(Account &other) {
    std::lock_guard<std::mutex> g(mu_);
    return other.balance() + balance_;
  }
  void log(int);

private:
  std::mutex mu_;
  int balance_ = 0;
};

// Relocked only on one path (a may-relock): not reported, the lockset is a
// must-analysis.
void maybe_locked(bool c) {
  if (c)
    m.lock();
  std::lock_guard<std::mutex> g(m);
}

// A try_lock never blocks.
void try_again() {
  std::lock_guard<std::mutex> g(m);
  if (m.try_lock())
    m.unlock();
}
