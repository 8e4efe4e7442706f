// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s \
// RUN:   -config="{CheckOptions: {concur-inconsistent-locking.ReportReads: false, concur-inconsistent-locking.IncludeProtected: true}}" \
// RUN:   -- -std=c++20 -pthread 2>&1 | FileCheck %s --check-prefix=OPTS --implicit-check-not='warning:'

#include <atomic>
#include <mutex>
#include <shared_mutex>

// ---- Positives -------------------------------------------------------------

// One unlocked getter in a class that otherwise locks.
class Counter {
public:
  void add(int n) {
    std::lock_guard<std::mutex> g(mu_);
    total_ += n;
  }
  void reset() {
    std::lock_guard<std::mutex> g(mu_);
    total_ = 0;
  }
  int total() const { return total_; }
  // CHECK: :[[@LINE-1]]:30: warning: 'Counter::total_' is read without 'Counter::mu_' held in 'Counter::total', but it is written with 'Counter::mu_' held at 2 of 2 sites; a class that locks is shared between threads, so this is a data race: hold 'Counter::mu_' here too, or make the field std::atomic
  // CHECK: :[[@LINE-8]]:5: note: 'Counter::total_' is written with 'Counter::mu_' held here, in 'Counter::add'
  // CHECK: :[[@LINE-10]]:33: note: 'Counter::mu_' is acquired here
private:
  mutable std::mutex mu_;
  int total_ = 0;
};

// An unlocked write through a private helper: the note shows the chain.
class Registry {
public:
  void put(int v) {
    std::lock_guard<std::mutex> g(mu_);
    store(v);
  }
  void put_fast(int v) { store(v); }
  void put_twice(int v) {
    mu_.lock();
    store(v);
    store(v + 1);
    mu_.unlock();
  }
private:
  void store(int v) { last_ = v; }
  // CHECK: :[[@LINE-1]]:23: warning: 'Registry::last_' is written without 'Registry::mu_' held in 'Registry::put_fast', but it is written with 'Registry::mu_' held at 2 of 3 sites; {{.*}}: hold 'Registry::mu_' here too
  // CHECK: :[[@LINE-10]]:26: note: 'Registry::put_fast' calls 'Registry::store' here
  // CHECK: :[[@LINE-13]]:5: note: 'Registry::last_' is written with 'Registry::mu_' held through this call, in 'Registry::put'
  // CHECK: :[[@LINE-15]]:33: note: 'Registry::mu_' is acquired here
  // OPTS: :[[@LINE-5]]:23: warning: 'Registry::last_' is written without 'Registry::mu_' held in 'Registry::put_fast'
  std::mutex mu_;
  int last_ = 0;
};

// A write under a reader lock: shared mode does not exclude other readers.
class Config {
public:
  void set(int v) {
    std::unique_lock<std::shared_mutex> w(mu_);
    value_ = v;
  }
  int get() const {
    std::shared_lock<std::shared_mutex> r(mu_);
    return value_;
  }
  void bump() {
    std::shared_lock<std::shared_mutex> r(mu_);
    value_++;
    // CHECK: :[[@LINE-1]]:5: warning: 'Config::value_' is written with only a shared lock on 'Config::mu_' held in 'Config::bump', but it is written with 'Config::mu_' held at 1 of 2 sites; {{.*}}hold 'Config::mu_' exclusively here too
    // OPTS: :[[@LINE-2]]:5: warning: 'Config::value_' is written with only a shared lock
    // CHECK: :[[@LINE-11]]:5: note: 'Config::value_' is written with 'Config::mu_' held here, in 'Config::set'
    // CHECK: :[[@LINE-13]]:41: note: 'Config::mu_' is acquired here
  }
private:
  mutable std::shared_mutex mu_;
  int value_ = 0;
};

// A write after an early unlock on one path.
class Queue {
public:
  void push(int v) {
    std::unique_lock<std::mutex> lk(mu_);
    size_++;
    if (v < 0) {
      lk.unlock();
      size_--;
      // CHECK: :[[@LINE-1]]:7: warning: 'Queue::size_' is written without 'Queue::mu_' held in 'Queue::push'
      // OPTS: :[[@LINE-2]]:7: warning: 'Queue::size_' is written without
      // CHECK: :[[@LINE-6]]:5: note: 'Queue::size_' is written with 'Queue::mu_' held here, in 'Queue::push'
      // CHECK: :[[@LINE-8]]:34: note: 'Queue::mu_' is acquired here
    }
  }
private:
  std::mutex mu_;
  int size_ = 0;
};

// Protected methods are interface only with IncludeProtected.
class Base {
public:
  void set(int v) { std::lock_guard<std::mutex> g(mu_); v_ = v; }
protected:
  void set_unlocked(int v) { v_ = v; }
  // OPTS: :[[@LINE-1]]:30: warning: 'Base::v_' is written without 'Base::mu_' held in 'Base::set_unlocked'
private:
  std::mutex mu_;
  int v_ = 0;
};

// ---- Negatives -------------------------------------------------------------

// Consistent locking, including through a helper called under the lock and
// a REQUIRES-style manual lock/unlock.
class Account {
public:
  void deposit(int n) { std::lock_guard<std::mutex> g(mu_); apply(n); }
  bool withdraw(int n) {
    std::scoped_lock g(mu_);
    if (balance_ < n) return false;
    balance_ -= n;
    return true;
  }
  int balance() const { std::lock_guard<std::mutex> g(mu_); return balance_; }
  void close() { mu_.lock(); balance_ = 0; mu_.unlock(); }
  Account() { balance_ = 0; }               // construction: not shared yet
  ~Account() { balance_ = -1; }             // destruction: not shared any more
private:
  void apply(int n) { balance_ += n; }      // only called with mu_ held
  mutable std::mutex mu_;
  int balance_ = 0;
};

// Atomics and const fields need no lock; fields only read are not flagged.
class Stats {
public:
  void hit() { std::lock_guard<std::mutex> g(mu_); ++locked_hits_; hits_++; }
  int hits() const { return hits_.load(); }
  int limit() const { return limit_; }
  int locked_hits() { std::lock_guard<std::mutex> g(mu_); return locked_hits_; }
private:
  std::mutex mu_;
  std::atomic<int> hits_{0};
  const int limit_ = 10;
  int locked_hits_ = 0;
};

// A class that never writes under its lock: no discipline to break.
class Logger {
public:
  void log(int v) { std::lock_guard<std::mutex> g(mu_); sink(v); }
  void set_level(int l) { level_ = l; }
  int level() const { return level_; }
private:
  static void sink(int) {}
  std::mutex mu_;
  int level_ = 0;
};

// A class without locks: not assumed shared.
class Plain {
public:
  void set(int v) { v_ = v; }
  int get() const { return v_; }
private:
  int v_ = 0;
};

// try_lock: the write only happens on the branch that holds the lock.
class Sampler {
public:
  void sample(int v) {
    if (mu_.try_lock()) {
      last_ = v;
      mu_.unlock();
    }
  }
  void force(int v) { std::lock_guard<std::mutex> g(mu_); last_ = v; }
private:
  std::mutex mu_;
  int last_ = 0;
};

int main() {
  Counter c; c.add(1);
  Registry r; r.put(1); r.put_fast(2); r.put_twice(3);
  Config k; k.set(1); k.bump();
  Queue q; q.push(1);
  Account a; a.deposit(1); a.withdraw(1); a.close();
  Stats s; s.hit();
  Logger l; l.log(1); l.set_level(2);
  Plain p; p.set(1);
  Sampler sm; sm.sample(1); sm.force(2);
  return c.total() + a.balance() + s.hits() + s.limit() + k.get() + l.level() + p.get();
}
