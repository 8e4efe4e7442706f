// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s \
// RUN:   -config="{CheckOptions: {concur-unguarded-shared-state.ReportReads: false}}" \
// RUN:   -- -std=c++20 -pthread 2>&1 | FileCheck %s --check-prefix=NOREADS

#include <atomic>
#include <future>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <vector>

// ---- Positives -------------------------------------------------------------

int hits = 0;
void bump_unlocked() { hits++; }
// CHECK: :[[@LINE-1]]:24: warning: read-modify-write of shared 'hits' on the thread started at line [[@LINE+4]] is not atomic and races with it being updated on another instance of that thread
// CHECK: :[[@LINE+3]]:30: note: thread entry 'worker_a' starts here
// CHECK: :[[@LINE+1]]:19: note: 'worker_a' calls 'bump_unlocked' here
void worker_a() { bump_unlocked(); }
void start_a() { std::thread t1(worker_a), t2(worker_a); t1.join(); t2.join(); }
// CHECK: :[[@LINE-6]]:24: note: conflicting write of 'hits' on the thread started at line [[@LINE-1]]
// CHECK: :[[@LINE-2]]:44: note: thread entry 'worker_a' starts here
// CHECK: :[[@LINE-4]]:19: note: 'worker_a' calls 'bump_unlocked' here

int manual = 0;
std::mutex manual_mu;
void manual_inc() { manual_mu.lock(); manual += 2; manual_mu.unlock(); manual = 0; }
// CHECK: :[[@LINE-1]]:72: warning: shared 'manual' is written on the thread started at line [[@LINE+1]] with no lock held, and updated on another instance of that thread with only 'manual_mu' held
void start_d() { std::thread t1(manual_inc), t2(manual_inc); t1.join(); t2.join(); }
// CHECK: :[[@LINE-1]]:30: note: thread entry 'manual_inc' starts here
// CHECK: :[[@LINE-4]]:39: note: conflicting write of 'manual'
// CHECK: :[[@LINE-3]]:46: note: thread entry 'manual_inc' starts here
// CHECK: :[[@LINE-6]]:21: note: 'manual_mu' is held here

int deferred = 0;
std::mutex deferred_mu;
void defer_inc() {
  std::unique_lock<std::mutex> lk(deferred_mu, std::defer_lock);
  ++deferred; // not yet locked
  // CHECK: :[[@LINE-1]]:5: warning: read-modify-write of shared 'deferred'
  lk.lock();
  ++deferred;
  lk.unlock();
}
void start_f() { std::thread t1(defer_inc), t2(defer_inc); t1.join(); t2.join(); }
// CHECK: :[[@LINE-1]]:30: note: thread entry 'defer_inc' starts here
// CHECK: :[[@LINE-8]]:5: note: conflicting write
// CHECK: :[[@LINE-3]]:45: note: thread entry 'defer_inc' starts here

int result = 0;
void produce() { result = 42; }
// CHECK: :[[@LINE-1]]:18: warning: shared 'result' is written on the thread started at line [[@LINE+3]] with no lock held, and read in 'read_while_running' while that thread runs
// NOREADS: :[[@LINE-2]]:18: warning: shared 'result' is written
int read_while_running() {
  std::thread t(produce);
  // CHECK: :[[@LINE-1]]:15: note: thread entry 'produce' starts here
  int r = result;
  // CHECK: :[[@LINE-1]]:11: note: conflicting read of 'result' in 'read_while_running' while that thread runs
  t.join();
  return r;
}

struct Account {
  std::mutex mu;
  int balance = 0;
  void withdraw(int n) {
    if (balance >= n)
      balance -= n;
    // CHECK: :[[@LINE-1]]:7: warning: check-then-act on shared 'Account::balance': it is tested and then updated
    // CHECK: :[[@LINE-3]]:9: note: 'Account::balance' is tested here
  }
};
void bank(Account &a) {
  std::thread t1([&a] { a.withdraw(1); }), t2([&a] { a.withdraw(2); });
  // CHECK: :[[@LINE-1]]:15: note: thread entry 'lambda' starts here
  // CHECK: :[[@LINE-2]]:27: note: 'lambda' calls 'Account::withdraw' here
  // CHECK: :[[@LINE-10]]:9: note: conflicting read of 'Account::balance'
  // CHECK: :[[@LINE-4]]:44: note: thread entry 'lambda' starts here
  // CHECK: :[[@LINE-5]]:56: note: 'lambda' calls 'Account::withdraw' here
  t1.join();
  t2.join();
}

void local_captured_by_reference() {
  int total = 0;
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&] { total += 1; });
  // CHECK: :[[@LINE-1]]:27: warning: read-modify-write of shared 'total' on the thread started at line [[@LINE-1]] is not atomic and races with it being updated on another instance of that thread
  // CHECK: :[[@LINE-2]]:5: note: thread entry 'lambda' starts here
  for (auto &t : ts)
    t.join();
}

// ---- Look-alikes that are fine ----------------------------------------------

int guarded = 0;
std::mutex guarded_mu;
void locked_inc() { std::lock_guard<std::mutex> g(guarded_mu); ++guarded; }
void start_b() { std::thread t1(locked_inc), t2(locked_inc); t1.join(); t2.join(); }

std::atomic<int> atomic_count{0};
void atomic_inc() { atomic_count++; }
void start_c() { std::thread t1(atomic_inc), t2(atomic_inc); t1.join(); t2.join(); }

int tried = 0;
std::mutex tried_mu;
void try_inc() {
  if (tried_mu.try_lock()) {
    ++tried;
    tried_mu.unlock();
  }
}
void start_e() { std::thread t1(try_inc), t2(try_inc); t1.join(); t2.join(); }

int owned = 0;
std::mutex owned_mu;
void owns_inc() {
  std::unique_lock<std::mutex> lk(owned_mu, std::try_to_lock);
  if (lk.owns_lock())
    ++owned;
}
void start_o() { std::thread t1(owns_inc), t2(owns_inc); t1.join(); t2.join(); }

int helper_locked = 0;
std::mutex helper_mu;
void lock_helper() { helper_mu.lock(); }
void unlock_helper() { helper_mu.unlock(); }
void via_helpers() { lock_helper(); ++helper_locked; unlock_helper(); }
void start_h() { std::thread t1(via_helpers), t2(via_helpers); t1.join(); t2.join(); }

int joined_first = 0;
void produce_joined() { joined_first = 42; }
int join_before_read() { std::thread t(produce_joined); t.join(); return joined_first; }

int before_spawn = 0;
void read_before() { (void)(before_spawn + 1); }
void write_then_spawn() { before_spawn = 1; std::thread t(read_before); t.join(); before_spawn = 2; }

int pcount = 0;
pthread_mutex_t pmu = PTHREAD_MUTEX_INITIALIZER;
void *pwork(void *) { pthread_mutex_lock(&pmu); ++pcount; pthread_mutex_unlock(&pmu); return nullptr; }
void start_p() {
  pthread_t a, b;
  pthread_create(&a, nullptr, pwork, nullptr);
  pthread_create(&b, nullptr, pwork, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
}

thread_local int tls = 0;
void tls_inc() { ++tls; }
void start_t() { std::thread t1(tls_inc), t2(tls_inc); t1.join(); t2.join(); }

const int table_size = 64;
int read_only(int i) { return table_size + i; }
void start_r() { std::thread t1(read_only, 1), t2(read_only, 2); t1.join(); t2.join(); }

int deferred_async = 0;
void start_deferred() {
  auto f = std::async(std::launch::deferred, [] { deferred_async++; });
  deferred_async++;
  f.get();
}

void per_thread_slots() {
  std::vector<int> slots(4);
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&slots, i] { slots[i] = i * i; });
  for (auto &t : ts)
    t.join();
}

// A defaulted assignment writes the receiver only: one result slot per
// worker is not shared (the CLI's own driver does this).
struct Outcome { std::vector<int> items; int status = 0; };
void per_thread_results() {
  std::vector<Outcome> results(4);
  std::atomic<unsigned> next{0};
  auto work = [&] {
    for (unsigned i = next++; i < results.size(); i = next++)
      results[i] = Outcome{{1, 2}, 0};
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
}

// ...but assigning one shared object from two threads is a race.
Outcome last_outcome;
void publish(int s) { last_outcome = Outcome{{s}, s}; }
// CHECK: :[[@LINE-1]]:23: warning: shared 'last_outcome' is written on the thread started at line [[@LINE+5]] with no lock held, and written on another instance of that thread with no lock held
// CHECK: :[[@LINE+4]]:15: note: thread entry 'publish' starts here
// CHECK: :[[@LINE-3]]:23: note: conflicting write of 'last_outcome'
// CHECK: :[[@LINE+2]]:30: note: thread entry 'publish' starts here
void start_publishers() {
  std::thread a(publish, 1), b(publish, 2);
  a.join();
  b.join();
}

// Fields through `this` are told apart by object when the object is known:
// each thread runs its own Tally, directly or from a lambda, or one per
// element of a range-for loop.
struct Tally {
  long count = 0;
  void run() { for (int i = 0; i < 100; ++i) ++count; }
};
void one_tally_per_thread() {
  Tally first, second;
  std::thread a(&Tally::run, &first), b(&Tally::run, &second);
  a.join(); b.join();
  std::thread c([&first] { first.run(); }), d([&second] { second.run(); });
  c.join(); d.join();
  std::vector<Tally> tallies(4);
  std::vector<std::thread> threads;
  for (Tally &t : tallies)
    threads.emplace_back([&t] { t.run(); });
  for (std::thread &t : threads)
    t.join();
}

// ...but one object run by two threads races, and so may two references.
struct SharedTally {
  long count = 0;
  void run() { for (int i = 0; i < 100; ++i) ++count; }
};
SharedTally the_tally;
void one_tally_two_threads() {
  std::thread a(&SharedTally::run, &the_tally), b([] { the_tally.run(); });
  a.join(); b.join();
}
// CHECK: :[[@LINE-7]]:48: warning: read-modify-write of shared 'SharedTally::count' on the thread started at line [[@LINE-3]] is not atomic and races with it being updated on another thread started on that line
// CHECK: note: thread entry 'SharedTally::run' starts here
// CHECK: note: conflicting write of 'SharedTally::count' on the thread started at line [[@LINE-5]]
// CHECK: note: thread entry 'lambda' starts here
// CHECK: note: 'lambda' calls 'SharedTally::run' here
struct AliasedTally {
  long count = 0;
  void run() { for (int i = 0; i < 100; ++i) ++count; }
};
void maybe_same_tally(AliasedTally &p, AliasedTally &q) {
  std::thread a([&p] { p.run(); }), b([&q] { q.run(); });
  a.join(); b.join();
}
// CHECK: :[[@LINE-6]]:48: warning: read-modify-write of shared 'AliasedTally::count' on the thread started at line [[@LINE-3]] is not atomic and races with it being updated on another thread started on that line
// CHECK: note: thread entry 'lambda' starts here
// CHECK: note: 'lambda' calls 'AliasedTally::run' here
// CHECK: note: conflicting write of 'AliasedTally::count' on the thread started at line [[@LINE-6]]
// CHECK: note: thread entry 'lambda' starts here
// CHECK: note: 'lambda' calls 'AliasedTally::run' here
