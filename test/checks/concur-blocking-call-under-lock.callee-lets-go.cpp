// A callee that lets go of its caller's lock before it blocks, and takes
// it back after, blocks without the lock: the caller's threads can take
// the lock meanwhile. Only a release on every path to the blocking call
// counts; the lock is reached through a pointer member, as wrappers do.
// RUN: %clang_tidy -checks='-*,concur-blocking-call-under-lock' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <memory>
#include <mutex>
#include <thread>

class Gate {
public:
  void enter() { mu_.lock(); }
  void leave() { mu_.unlock(); }

private:
  std::mutex mu_;
};

class Repairer {
public:
  explicit Repairer(Gate *g) : gate_(g) {}

  void stop(bool waitOld) {
    gate_->enter();
    if (waitOld) {
      gate_->leave();
      stopping_ = true;
      gate_->enter();
    }
    finish();
    gate_->leave();
  }
  void restart() {
    gate_->enter();
    beginAgain();
    gate_->leave();
  }
  // Kept positive: the worker is joined on a path that still holds the gate.
  void abandon(bool quick) {
    gate_->enter();
    finishMaybe(quick);
    gate_->leave();
  }

private:
  void finish() {
    gate_->leave();
    if (worker_)
      worker_->join();
    gate_->enter();
  }
  void beginAgain() {
    if (worker_) {
      gate_->leave();
      worker_->join();
      gate_->enter();
    }
    worker_ = std::make_unique<std::thread>([this] { work(); });
  }
  void finishMaybe(bool quick) {
    if (quick)
      gate_->leave();
    if (worker_)
      worker_->join();
    if (quick)
      gate_->enter();
  }
  void work() {
    gate_->enter();
    stopping_ = false;
    gate_->leave();
  }

  Gate *gate_;
  std::unique_ptr<std::thread> worker_;
  bool stopping_ = false;
};
// CHECK: :42:5: warning: 'Repairer::finishMaybe' reaches synchronous wait call 'std::thread::join' while 'Gate::mu_' is held here{{.*}}[concur-blocking-call-under-lock]
// CHECK: :65:16: note: 'std::thread::join' blocks here (synchronous wait)
// CHECK: :41:12: note: 'Repairer::abandon' calls 'Gate::enter' here
// CHECK: :13:18: note: 'Gate::mu_' is acquired here
// CHECK: :13:18: note: 'Gate::enter' also takes 'Gate::mu_' here and waits meanwhile
