// Minimal thread pools for the pool lit tests: enough for the checks to see
// submit/wait shapes, without the runtime library.
#pragma once
#include <functional>
#include <future>
#include <type_traits>

// A user pool: recognised by its `submit(F) -> std::future<R>` method.
class MiniPool {
public:
  explicit MiniPool(int workers = 4) : workers_(workers) {}
  template <class F> auto submit(F f) -> std::future<std::invoke_result_t<F>> {
    return std::async(std::launch::deferred, std::move(f));
  }
  int size() const { return workers_; }

private:
  int workers_;
};

// The shape of BS::thread_pool's API (submit_task returns a future,
// detach_task does not, wait() waits for every task).
namespace BS {
class thread_pool {
public:
  explicit thread_pool(unsigned n = 0) : n_(n) {}
  template <class F> std::future<std::invoke_result_t<F>> submit_task(F f) {
    return std::async(std::launch::deferred, std::move(f));
  }
  template <class F> void detach_task(F f) { f(); }
  void wait() {}

private:
  unsigned n_;
};
} // namespace BS

// Not a pool: a queue whose submit returns nothing.
class JobQueue {
public:
  template <class F> void submit(F f) { f(); }
};
