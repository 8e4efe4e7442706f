// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
//
// A lock that most writes of a field do without, and that the few others
// hold only because a caller of theirs happens to (it guards the stream
// they print to), is not the field's lock: no finding. A write site that
// always holds the lock, or a lock held at most writes, still makes the
// bare writes races.
#include <mutex>
#include <string>

void emit(const std::string &);

// Negative: `mu_` guards the log; `announced_` is written bare by the
// phase methods and by announce() when finish() runs it, and under `mu_`
// only when note() or fail() run announce().
class PhaseLog {
public:
  void begin(const std::string &name) {
    phase_ = name;
    announced_ = false;
  }
  void enter() { announced_ = false; }
  void leave() { announced_ = false; }
  void note(const std::string &m) {
    std::lock_guard<std::mutex> g(mu_);
    announce();
    emit(m);
  }
  void fail(const std::string &m) {
    std::lock_guard<std::mutex> g(mu_);
    announce();
    emit("failed: " + m);
  }
  void finish() { announce(); }

private:
  void announce() {
    if (announced_)
      return;
    emit(phase_);
    announced_ = true;
  }
  std::mutex mu_;
  std::string phase_;
  bool announced_ = false;
};

// Kept positive: the same log, but clear() writes the flag only under the
// lock, at a site no bare path reaches: the bare writes break the
// discipline that site shows.
class GuardedLog {
public:
  void begin() { announced_ = false; }
  // CHECK: :[[@LINE-1]]:18: warning: 'GuardedLog::announced_' is written without 'GuardedLog::mu_' held in 'GuardedLog::begin', but it is written with 'GuardedLog::mu_' held at 1 of 3 sites
  // CHECK: :[[@LINE+8]]:5: note: 'GuardedLog::announced_' is written with 'GuardedLog::mu_' held here, in 'GuardedLog::clear'
  // CHECK: :[[@LINE+6]]:33: note: 'GuardedLog::mu_' is acquired here
  void enter() { announced_ = false; }
  // CHECK: :[[@LINE-1]]:18: warning: 'GuardedLog::announced_' is written without 'GuardedLog::mu_' held in 'GuardedLog::enter', but it is written with 'GuardedLog::mu_' held at 1 of 3 sites
  // CHECK: :[[@LINE+4]]:5: note: 'GuardedLog::announced_' is written with 'GuardedLog::mu_' held here, in 'GuardedLog::clear'
  // CHECK: :[[@LINE+2]]:33: note: 'GuardedLog::mu_' is acquired here
  void clear() {
    std::lock_guard<std::mutex> g(mu_);
    announced_ = false;
  }

private:
  std::mutex mu_;
  bool announced_ = false;
};
