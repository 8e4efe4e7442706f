// RUN: %clang_tidy -checks='-*,concur-wait-without-predicate' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'

// A timed wait that is followed by a test of the state is a bounded poll
// (Python's `cond.wait(timeout)` and then a look at the queue): a spurious
// wake-up or a notify that came first costs at most the timeout, and the
// code does not take the wake-up to mean the state is ready. Also through
// wait primitives (functions that wait on their caller's lock).

#include <chrono>
#include <condition_variable>
#include <mutex>

struct Job { int id; };

class Dispatcher {
public:
  // Negative: the primitive's one timed wait, then the queue is looked at
  // again; callers get 0 when nothing came.
  int wait_one(long usec) {
    std::unique_lock<std::mutex> lock(mu_);
    return do_wait_one(lock, usec);
  }

  // Positive: a timed wait, and then the job is taken as if it had come.
  int take_blind(long usec) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!head_)
      wait_usec(lock, usec);
    Job *j = head_;
    head_ = nullptr;
    return j->id;
  }

  void post(Job *j) {
    {
      std::lock_guard<std::mutex> g(mu_);
      head_ = j;
    }
    wakeup_.notify_one();
  }

private:
  void wait_usec(std::unique_lock<std::mutex> &lock, long usec) {
    wakeup_.wait_for(lock, std::chrono::microseconds(usec));
  }
  int do_wait_one(std::unique_lock<std::mutex> &lock, long usec) {
    Job *j = head_;
    if (!j) {
      wait_usec(lock, usec);
      j = head_; // wait at most once
    }
    if (j == nullptr)
      return 0;
    head_ = nullptr;
    return j->id;
  }

  std::mutex mu_;
  std::condition_variable wakeup_;
  Job *head_ = nullptr;
};

// CHECK: :29:7: warning: wait on 'the condition' with no predicate and no loop re-checking the awaited state: it can return on a spurious wake-up, and it waits out its timeout if the notify came before it; pass a predicate (cv.wait(lock, [&] { return ready; })) or wait in a 'while (!ready)' loop [concur-wait-without-predicate]
