// A mutex wrapper carrying Clang's capability attributes, and a condition
// that sleeps on the wrapped mutex its owner lends it: the shape of many
// projects' port::Mutex / port::CondVar pairs. Written for concur's tests.
#pragma once
#include <condition_variable>
#include <mutex>

class __attribute__((capability("mutex"))) Lock {
public:
  void acquire() __attribute__((acquire_capability())) { native_.lock(); }
  void release() __attribute__((release_capability())) { native_.unlock(); }

private:
  friend class Signal;
  std::mutex native_;
};

// sleep() must be called with the bound Lock held; it releases it while it
// waits and holds it again when it returns.
class Signal {
public:
  explicit Signal(Lock *bound) : bound_(bound) {}
  void sleep() {
    std::unique_lock<std::mutex> held(bound_->native_, std::adopt_lock);
    cond_.wait(held);
    held.release();
  }
  void wake() { cond_.notify_all(); }

private:
  std::condition_variable cond_;
  Lock *const bound_;
};
