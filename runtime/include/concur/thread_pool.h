// concur/thread_pool.h - a pool of worker threads (Python's ThreadPoolExecutor).
//
// What:
//
//   concur::ThreadPool pool(4);
//   concur::Future<std::string> f = pool.submit([] { return fetch_url("url1"); });
//   std::vector<int> squares = pool.map([](int x) { return x * x; }, numbers);
//   for (concur::Future<std::string>& done : concur::as_completed(futures)) {
//     try { use(done.get()); } catch (const std::exception& e) { log(e.what()); }
//   }
//   pool.shutdown();                   // also done by the destructor
//
// Guarantees: every submitted task runs exactly once, or is cancelled (its
// Future then throws CancelledError) - never lost, never run twice, also
// across shutdown. A task's exception reaches whoever calls get().
//
// Design: one queue per worker; a submit from outside the pool goes to the
// workers in turn, a submit from a worker to its own queue; an idle worker
// steals from the others before it sleeps, and only a sleeping worker is
// woken. That keeps the submit path to one uncontended lock and no system
// call while workers are busy (see bench/runtime for numbers).
//
// A worker that waits on a Future of its own pool whose task is still
// queued runs that task itself, so the classic executor self-deadlock (every
// worker waiting on work queued behind it) cannot hang; debug mode reports
// it as concur-rt-pool-self-wait when no other worker was free.
//
// Do not:
//  - construct a pool per request or inside a loop: threads are expensive to
//    start; make one and share it;
//  - submit and then immediately get() in the same loop iteration: that
//    serialises the work; submit everything first, then collect;
//  - capture references to locals in a task whose Future may outlive them.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <condition_variable>
#include <source_location>
#include <span>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <vector>

#include "concur/future.h"

namespace concur {

namespace detail {
class PoolCore;
// Queues pending states on `core`; each holds a reference for the queue,
// which the queue owns from now on (also when these throw
// std::runtime_error after shutdown).
void pool_enqueue(PoolCore& core, StateBase* state);
void pool_enqueue_many(PoolCore& core, std::span<StateBase* const> states);
}  // namespace detail

class ThreadPool {
 public:
  // `workers` threads, at least one; the default is one per hardware thread.
  explicit ThreadPool(std::size_t workers = 0);
  // shutdown(/*wait=*/true): pending tasks still run.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Schedules fn() and returns its Future. Throws std::runtime_error after
  // shutdown (Python: "cannot schedule new futures after shutdown").
  template <class Fn>
  Future<std::invoke_result_t<std::decay_t<Fn>&>> submit(
      Fn&& fn, std::source_location where = std::source_location::current()) {
    using Result = std::invoke_result_t<std::decay_t<Fn>&>;
    auto* state = new detail::TaskState<Result, std::decay_t<Fn>>(std::decay_t<Fn>(std::forward<Fn>(fn)),
                                                                  core_.get(), where);
    Future<Result> future(state);
    state->add_ref();  // the queue's reference
    detail::pool_enqueue(*core_, state);
    return future;
  }

  // Python's submit(fn, *args): arguments are copied (or moved) into the task.
  template <class Fn, class Arg, class... Args>
    requires(!std::is_same_v<std::decay_t<Arg>, std::source_location>)
  auto submit(Fn&& fn, Arg&& arg, Args&&... args) {
    return submit([fn = std::forward<Fn>(fn), arg = std::forward<Arg>(arg),
                   ... args = std::forward<Args>(args)]() mutable { return std::invoke(fn, arg, args...); });
  }

  // Applies fn to every item concurrently and returns the results in input
  // order (Python's executor.map). Waits for every item, then rethrows the
  // exception of the first failing item in input order. Items are passed by
  // const reference and must stay alive during the call (they do: map
  // blocks).
  template <class Fn, class Range>
  auto map(Fn&& fn, const Range& items,
           std::source_location where = std::source_location::current()) {
    using Item = decltype(*std::begin(items));
    using Result = std::invoke_result_t<Fn&, Item>;
    std::vector<Future<Result>> futures;
    std::vector<detail::StateBase*> batch;
    for (auto it = std::begin(items); it != std::end(items); ++it) {
      auto call = [&fn, it] { return fn(*it); };
      auto* state = new detail::TaskState<Result, decltype(call)>(std::move(call), core_.get(), where);
      futures.push_back(Future<Result>(state));
      state->add_ref();
      batch.push_back(state);
    }
    try {
      detail::pool_enqueue_many(*core_, batch);
    } catch (...) {
      // Part of the batch may be queued, and it references fn and items:
      // cancel what has not started and wait for the rest before leaving.
      for (Future<Result>& future : futures) future.cancel();
      for (Future<Result>& future : futures) future.exception(where);
      throw;
    }
    // get() moves each error out of its state, so the exception is owned
    // here alone; the first in input order wins, the rest count as read.
    std::exception_ptr first_error;
    if constexpr (std::is_void_v<Result>) {
      for (Future<Result>& future : futures) {
        try {
          future.get(where);
        } catch (...) {
          if (!first_error) first_error = std::current_exception();
        }
      }
      if (first_error) std::rethrow_exception(first_error);
    } else {
      std::vector<Result> results;
      results.reserve(futures.size());
      for (Future<Result>& future : futures) {
        try {
          Result value = future.get(where);
          if (!first_error) results.push_back(std::move(value));
        } catch (...) {
          if (!first_error) first_error = std::current_exception();
        }
      }
      if (first_error) std::rethrow_exception(first_error);
      return results;
    }
  }

  // Stops accepting work. With cancel_pending, tasks that have not started
  // are cancelled (their futures throw CancelledError); otherwise they still
  // run. With wait, returns once every worker has exited; without, returns
  // at once and the destructor joins. Calling it again is harmless.
  void shutdown(bool wait = true, bool cancel_pending = false);

  std::size_t worker_count() const noexcept { return worker_count_; }

 private:
  std::unique_ptr<detail::PoolCore> core_;
  std::size_t worker_count_;
};

// Yields the futures as they complete (Python's as_completed), each
// exactly once; iterating blocks until the next one is done.
//
//   for (concur::Future<int>& f : concur::as_completed(futures)) ...
//
// The futures must outlive the iteration; do not move them meanwhile.
template <class T>
class AsCompleted {
  struct Shared {
    std::mutex mu;
    std::condition_variable ready_cv;
    std::deque<std::size_t> ready;
  };

 public:
  explicit AsCompleted(std::span<Future<T>> futures,
                       std::source_location where = std::source_location::current())
      : futures_(futures), shared_(std::make_shared<Shared>()), where_(where) {
    for (std::size_t i = 0; i < futures_.size(); ++i) {
      if (!futures_[i].valid()) throw FutureError("concur::as_completed: invalid future");
      detail::FutureAccess<T>::state(futures_[i])->on_done([shared = shared_, i] {
        {
          std::lock_guard<std::mutex> lock(shared->mu);
          shared->ready.push_back(i);
        }
        shared->ready_cv.notify_one();
      });
    }
  }

  class iterator {
   public:
    using value_type = Future<T>;
    using reference = Future<T>&;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::input_iterator_tag;

    reference operator*() const { return owner_->futures_[current_]; }
    iterator& operator++() {
      advance();
      return *this;
    }
    void operator++(int) { advance(); }
    bool operator==(std::default_sentinel_t) const { return owner_ == nullptr; }

   private:
    friend class AsCompleted;
    explicit iterator(AsCompleted* owner) : owner_(owner) { advance(); }
    void advance() {
      if (owner_->yielded_ == owner_->futures_.size()) {
        owner_ = nullptr;
        return;
      }
      Shared& shared = *owner_->shared_;
      std::unique_lock<std::mutex> lock(shared.mu);
      if (shared.ready.empty() && debug::enabled()) [[unlikely]]
        debug::detail::note_blocking_call("concur::as_completed", owner_->where_);
      shared.ready_cv.wait(lock, [&] { return !shared.ready.empty(); });
      current_ = shared.ready.front();
      shared.ready.pop_front();
      ++owner_->yielded_;
    }
    AsCompleted* owner_;
    std::size_t current_ = 0;
  };

  iterator begin() { return iterator(this); }
  std::default_sentinel_t end() { return {}; }

 private:
  std::span<Future<T>> futures_;
  std::shared_ptr<Shared> shared_;  // callbacks may outlive this object
  std::source_location where_;
  std::size_t yielded_ = 0;
};

template <class T>
AsCompleted<T> as_completed(std::vector<Future<T>>& futures,
                            std::source_location where = std::source_location::current()) {
  return AsCompleted<T>(std::span<Future<T>>(futures), where);
}
template <class T>
AsCompleted<T> as_completed(std::span<Future<T>> futures,
                            std::source_location where = std::source_location::current()) {
  return AsCompleted<T>(futures, where);
}

}  // namespace concur
