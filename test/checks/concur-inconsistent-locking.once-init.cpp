// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'

// One-time initialisation (checks/model/OnceRegions.h): a branch taken while
// a flag says "not done", under a lock, that sets the flag to "done" runs
// once. What it writes is set up like a constructor's writes; reading it
// later without the lock is not the lock discipline's business.

#include <atomic>
#include <mutex>
#include <vector>

struct Channel { void post(int); };

// Negative: the table and the reaper are built by start(), which open()
// calls once under mu_ (start() clears starting_). Slots are then written
// one element at a time under mu_, and each sender reads its own slot.
class Switchboard {
public:
  Channel *open();
  void close(unsigned id) {
    std::lock_guard<std::mutex> g(mu_);
    lines_[id] = nullptr;
  }
  void post(unsigned id, int v) { lines_[id]->post(v); }
  Channel *operator_line() const { return operator_; }
  bool busy() const { return !lines_.empty(); }

private:
  bool start();
  std::mutex mu_;
  bool starting_ = true;
  Channel *operator_ = nullptr;
  std::vector<Channel *> lines_;
};

bool Switchboard::start() {
  operator_ = new Channel;
  if (!operator_)
    return false;
  lines_.resize(8);
  starting_ = false;
  return true;
}

Channel *Switchboard::open() {
  std::lock_guard<std::mutex> g(mu_);
  if (__builtin_expect(starting_, 0)) {
    if (!start())
      return nullptr;
  }
  lines_[1] = new Channel;
  return lines_[1];
}

// Negative: a lazily built member (the pointer is its own flag), set up
// inside the branch itself.
class Registry {
public:
  int lookup(int key) {
    {
      std::lock_guard<std::mutex> g(mu_);
      if (!table_) {
        table_ = new int[16]();
        size_ = 16;
      }
    }
    return table_[key % size_];
  }

private:
  std::mutex mu_;
  int *table_ = nullptr;
  int size_ = 0;
};

// Positive: reset() puts the flag back, so start() can run again at any
// time; its writes race with the unlocked read.
class Restartable {
public:
  void use() {
    std::lock_guard<std::mutex> g(mu_);
    if (!ready_)
      start();
  }
  void reset() {
    std::lock_guard<std::mutex> g(mu_);
    ready_ = false;
  }
  int limit() const { return limit_; }

private:
  void start() {
    limit_ = 64;
    ready_ = true;
  }
  std::mutex mu_;
  bool ready_ = false;
  int limit_ = 0;
};

// Positive: no lock at the test, so two threads can both run the set-up.
class Unlocked {
public:
  void use() {
    if (!ready_) {
      std::lock_guard<std::mutex> g(mu_);
      limit_ = 64;
      ready_ = true;
    }
  }
  void bump() {
    std::lock_guard<std::mutex> g(mu_);
    ++limit_;
  }
  int limit() const { return limit_; }

private:
  std::mutex mu_;
  bool ready_ = false;
  int limit_ = 0;
};

// Positive: the flag itself, tested without the lock, races with the
// write that sets it (double-checked locking on a plain bool).
class DoubleChecked {
public:
  int get() {
    if (!ready_) {
      std::lock_guard<std::mutex> g(mu_);
      if (!ready_)
        init();
    }
    return value_;
  }

private:
  void init() {
    value_ = 7;
    ready_ = true;
  }
  std::mutex mu_;
  bool ready_ = false;
  int value_ = 0;
};

// CHECK: :90:30: warning: 'Restartable::limit_' is read without 'Restartable::mu_' held in 'Restartable::limit', but it is written with 'Restartable::mu_' held at 1 of 1 sites; a class that locks is shared between threads, so this is a data race: hold 'Restartable::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :84:7: note: 'Restartable::limit_' is written with 'Restartable::mu_' held through this call, in 'Restartable::use'
// CHECK: :82:33: note: 'Restartable::mu_' is acquired here
// CHECK: :106:10: warning: 'Unlocked::ready_' is read without 'Unlocked::mu_' held in 'Unlocked::use', but it is written with 'Unlocked::mu_' held at 1 of 1 sites; a class that locks is shared between threads, so this is a data race: hold 'Unlocked::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :109:7: note: 'Unlocked::ready_' is written with 'Unlocked::mu_' held here, in 'Unlocked::use'
// CHECK: :107:35: note: 'Unlocked::mu_' is acquired here
// CHECK: :116:30: warning: 'Unlocked::limit_' is read without 'Unlocked::mu_' held in 'Unlocked::limit', but it is written with 'Unlocked::mu_' held at 2 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Unlocked::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :108:7: note: 'Unlocked::limit_' is written with 'Unlocked::mu_' held here, in 'Unlocked::use'
// CHECK: :107:35: note: 'Unlocked::mu_' is acquired here
// CHECK: :129:10: warning: 'DoubleChecked::ready_' is read without 'DoubleChecked::mu_' held in 'DoubleChecked::get', but it is written with 'DoubleChecked::mu_' held at 1 of 1 sites; a class that locks is shared between threads, so this is a data race: hold 'DoubleChecked::mu_' here too, or make the field std::atomic [concur-inconsistent-locking]
// CHECK: :132:9: note: 'DoubleChecked::ready_' is written with 'DoubleChecked::mu_' held through this call, in 'DoubleChecked::get'
// CHECK: :130:35: note: 'DoubleChecked::mu_' is acquired here
