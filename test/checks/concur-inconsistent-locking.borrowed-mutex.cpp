// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A mutex reached through a pointer or a reference that only ever denotes
// it is that mutex: a cleanup record built with `&mutex_` whose callback
// locks `record->mu`, a local `std::mutex *m = &mutex_`. A pointer that is repointed out of sight (its
// address handed to a function) may denote any mutex, so what it guards is
// not guarded by the store's mutex.
#include <mutex>
#include <vector>

class Store;

namespace {
struct Cleanup {
  Cleanup(Store *s, std::mutex *m) : store(s), mu(m) {}
  Store *store;
  std::mutex *mu;
};

struct Swappable {
  std::mutex *mu = nullptr;
};
} // namespace

void pick_mutex(std::mutex *&out);

class Store {
public:
  void Put(int v) {
    std::lock_guard<std::mutex> g(mutex_);
    queue_.push_back(v);
    log_.push_back(v);
    ++puts_;
  }
  void Flush() {
    std::lock_guard<std::mutex> g(mutex_);
    queue_.clear();
    log_.clear();
  }
  void Count() {
    std::mutex *m = &mutex_; // a local that borrows mutex_
    m->lock();
    ++puts_;
    m->unlock();
  }
  void AddToQueue(int v) { queue_.push_back(v); }
  void AddToLog(int v) { log_.push_back(v); }
  void *NewCleanup() { return new Cleanup(this, &mutex_); }

private:
  friend void RunCleanup(void *);
  friend void RunSwappable(Store &);
  std::mutex mutex_;
  std::vector<int> queue_;
  std::vector<int> log_;
  long puts_ = 0;
};

void RunCleanup(void *arg) {
  auto *c = static_cast<Cleanup *>(arg);
  c->mu->lock(); // locks the store's mutex_
  c->store->AddToQueue(1);
  c->mu->unlock();
  delete c;
}

void RunSwappable(Store &s) {
  Swappable h;
  h.mu = &s.mutex_;
  pick_mutex(h.mu); // may now point anywhere
  std::lock_guard<std::mutex> g(*h.mu);
  s.AddToLog(2);
}

// CHECK: :47:26: warning: 'Store::log_' is written without 'Store::mutex_' held in 'Store::AddToLog', but it is written with 'Store::mutex_' held at 2 of 3 sites{{.*}}[concur-inconsistent-locking]
// CHECK: :32:5: note: 'Store::log_' is written with 'Store::mutex_' held here, in 'Store::Put'
// CHECK: :30:33: note: 'Store::mutex_' is acquired here
