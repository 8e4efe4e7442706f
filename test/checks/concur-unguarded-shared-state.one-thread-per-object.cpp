// A class that starts its background thread only while the member that
// keeps the thread is empty runs at most one such thread per object: two
// instances of the spawn never share that object's state. State outside
// the object, or a spawn without the test, is still shared.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

int warnings_total = 0;

class Purger {
public:
  void enqueue() {
    {
      std::lock_guard<std::mutex> g(mu_);
      ++queued_;
    }
    startIfNeeded();
    cv_.notify_one();
  }
  void enqueueQuietly() { startIfNeeded(); }

private:
  void startIfNeeded() {
    if (worker_ == nullptr && enabled_)
      worker_.reset(new std::thread(&Purger::drain, this));
  }
  void drain() {
    for (;;) {
      std::unique_lock<std::mutex> l(mu_);
      cv_.wait(l, [&] { return queued_ > 0; });
      --queued_;
      l.unlock();
      purgeOne();
    }
  }
  void purgeOne() {
    if (warned_ < 3)
      ++warned_;
    ++warnings_total; // shared by every object's thread
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::unique_ptr<std::thread> worker_;
  bool enabled_ = true;
  int queued_ = 0;
  int warned_ = 0;
};
// CHECK: :43:7: warning: read-modify-write of shared 'warnings_total' on the thread started at line 29 is not atomic and races with it being updated on another instance of that thread{{.*}}[concur-unguarded-shared-state]
// CHECK: :29:25: note: thread entry 'Purger::drain' starts here
// CHECK: :37:7: note: 'Purger::drain' calls 'Purger::purgeOne' here

class Ticker {
public:
  void start() {
    if (!thread_.joinable())
      thread_ = std::thread([this] { tick(); });
  }
  void restart() {
    start();
    start();
  }

private:
  void tick() { ++ticks_; }
  std::thread thread_;
  long ticks_ = 0;
};

// Kept positive: nothing stops a second thread on the same object.
class Sampler {
public:
  void start() { threads_[next_++ % 2] = std::thread(&Sampler::sample, this); }
  void startTwice() {
    start();
    start();
  }

private:
  void sample() { ++samples_; }
  std::thread threads_[2];
  unsigned next_ = 0;
  long samples_ = 0;
};
// CHECK: :84:21: warning: read-modify-write of shared 'Sampler::samples_' on the thread started at line 77 is not atomic and races with it being updated on another instance of that thread{{.*}}[concur-unguarded-shared-state]
// CHECK: :77:42: note: thread entry 'Sampler::sample' starts here
