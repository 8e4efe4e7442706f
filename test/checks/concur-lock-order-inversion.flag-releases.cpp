// A callee told by a flag parameter that its caller holds a lock lets go
// of that lock before it takes another (`if (locked) mu.unlock();`): called
// with a constant `true`, the caller's lock is not held when the callee
// takes the other one, so no order between the two is made there.
// RUN: %clang_tidy -checks='-*,concur-lock-order-inversion' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>
#include <shared_mutex>

struct Backlog {
  std::mutex order_mu;
  std::mutex *ordering() { return &order_mu; }
  int oldest = 0;
};

class Ledger {
public:
  // Called with backlog_.order_mu held when `held` is true.
  void trim(int limit, bool held) {
    if (backlog_.oldest <= limit) {
      if (held)
        backlog_.ordering()->unlock();
      std::unique_lock<std::shared_mutex> w(pending_mu_);
      ++delayed_;
      if (held)
        backlog_.ordering()->lock();
    }
  }
  void add(int seq) {
    backlog_.ordering()->lock();
    backlog_.oldest = seq;
    if (seq < 3)
      trim(seq, true);
    backlog_.ordering()->unlock();
  }
  void remove(int seq) {
    std::unique_lock<std::shared_mutex> w(pending_mu_);
    std::lock_guard<std::mutex> g(backlog_.order_mu);
    backlog_.oldest = seq;
  }

private:
  Backlog backlog_;
  std::shared_mutex pending_mu_;
  int delayed_ = 0;
};

// Kept positive: the caller passes false while holding the lock, so the
// callee takes the other lock under it.
class Journal {
public:
  void trim(int limit, bool held) {
    if (held)
      backlog_.ordering()->unlock();
    std::unique_lock<std::shared_mutex> w(pending_mu_);
    delayed_ += limit;
    if (held)
      backlog_.ordering()->lock();
  }
  void add(int seq) {
    backlog_.ordering()->lock();
    trim(seq, false);
    backlog_.ordering()->unlock();
  }
  void remove() {
    std::unique_lock<std::shared_mutex> w(pending_mu_);
    std::lock_guard<std::mutex> g(backlog_.order_mu);
    delayed_ = 0;
  }

private:
  Backlog backlog_;
  std::shared_mutex pending_mu_;
  int delayed_ = 0;
};
// CHECK: :58:7: warning: lock order inversion: 'Journal::trim' acquires 'Backlog::order_mu' while holding 'Journal::pending_mu_', but 'Journal::add' acquires 'Journal::pending_mu_' while holding 'Backlog::order_mu'{{.*}}[concur-lock-order-inversion]
// CHECK: :55:41: note: 'Journal::trim' holds 'Journal::pending_mu_' from here
// CHECK: :58:7: note: 'Backlog::order_mu' is acquired while 'Journal::pending_mu_' is held here
// CHECK: :61:5: note: 'Journal::add' holds 'Backlog::order_mu' from here
// CHECK: :62:5: note: 'Journal::add' calls 'Journal::trim' here
// CHECK: :55:41: note: 'Journal::pending_mu_' is acquired while 'Backlog::order_mu' is held here
