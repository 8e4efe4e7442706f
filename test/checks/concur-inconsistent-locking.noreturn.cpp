// A call that never returns ends the path: a lock taken before it is not
// held afterwards, and code after it never runs. Learned from bodies too:
// a helper whose every path calls a [[noreturn]] function never returns.
// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>

class Ledger {
public:
  long balance() const { return total_; }
  void reset() {
    { std::lock_guard<std::mutex> g(mu_); }
    total_ = 0;
  }
  [[noreturn]] void abortRun();
  void abortLocked() {
    std::lock_guard<std::mutex> g(mu_);
    abortRun();
  }
  void fatal(const char *why) {
    log(why);
    abortRun();
  }
  // Neither write runs: both follow a call that does not return.
  void settleAfterAbort() {
    abortLocked();
    total_ = 1;
  }
  void settleAfterFatal() {
    std::lock_guard<std::mutex> g(mu_);
    fatal("settle");
    total_ = 2;
  }

  // Kept positive: check() returns when b is false.
  void check(bool b) {
    if (b)
      abortRun();
  }
  void settleChecked(bool b) {
    std::lock_guard<std::mutex> g(mu_);
    check(b);
    pending_ = 0;
  }
  long pending() const { return pending_; }

private:
  void log(const char *);
  mutable std::mutex mu_;
  long total_ = 0;
  long pending_ = 0;
};
// CHECK: :45:33: warning: 'Ledger::pending_' is read without 'Ledger::mu_' held in 'Ledger::pending', but it is written with 'Ledger::mu_' held at 1 of 1 sites; a class that locks is shared between threads, so this is a data race: hold 'Ledger::mu_' here too, or make the field std::atomic{{.*}}[concur-inconsistent-locking]
// CHECK: :43:5: note: 'Ledger::pending_' is written with 'Ledger::mu_' held here, in 'Ledger::settleChecked'
// CHECK: :41:33: note: 'Ledger::mu_' is acquired here
