// concur/future.h - Future<T>: the result of work running elsewhere.
//
// What: the handle ThreadPool::submit returns (Python's
// concurrent.futures.Future). get() waits and returns the value or rethrows
// the task's exception; done(), wait_for(), exception() and cancel() mirror
// Python's done(), result(timeout), exception() and cancel().
//
//   concur::Future<int> f = pool.submit([] { return 6 * 7; });
//   int answer = f.get();            // 42, or rethrows what the task threw
//
// Why not std::future: a concur Future knows which pool runs it, so a pool
// worker that waits on a task still queued in its own pool runs that task
// itself instead of deadlocking; it supports as_completed() and co_await
// from an EventLoop; and debug mode reports a Future destroyed with an
// exception nobody read (concur-rt-unretrieved-exception).
//
// Do not:
//  - drop a Future whose task can throw: the exception is lost (debug mode
//    reports it);
//  - call get() twice on a Future<T> with a value: the value is moved out
//    the first time, and the second call throws FutureError;
//  - call get() on an event-loop thread: co_await the future instead.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <source_location>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#include "concur/annotations.h"
#include "concur/debug.h"

namespace concur {

// Thrown by get() on a future whose task was cancelled before it ran, and
// into a coroutine whose task was cancelled (Python's CancelledError).
class CancelledError : public std::runtime_error {
 public:
  CancelledError() : std::runtime_error("concur: cancelled") {}
  using std::runtime_error::runtime_error;
};

// Thrown when a wait with a timeout expires (Python's TimeoutError).
class TimeoutError : public std::runtime_error {
 public:
  TimeoutError() : std::runtime_error("concur: timed out") {}
  using std::runtime_error::runtime_error;
};

// Misuse of a Future: no state, or its value was already taken.
class FutureError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// A value or the exception that prevented it; what gather_settled returns
// for each task (Python's return_exceptions=True, made type-safe).
template <class T>
class Outcome {
 public:
  Outcome(T value) : content_(std::in_place_index<0>, std::move(value)) {}
  Outcome(std::exception_ptr error) : content_(std::in_place_index<1>, std::move(error)) {}

  bool has_value() const noexcept { return content_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }
  // The value; rethrows the exception if there is none.
  T& value() & {
    if (!has_value()) std::rethrow_exception(std::get<1>(content_));
    return std::get<0>(content_);
  }
  T&& value() && { return std::move(value()); }
  // The exception, or nullptr when there is a value.
  std::exception_ptr error() const noexcept {
    return has_value() ? nullptr : std::get<1>(content_);
  }

 private:
  std::variant<T, std::exception_ptr> content_;
};

template <>
class Outcome<void> {
 public:
  Outcome() = default;
  Outcome(std::exception_ptr error) : error_(std::move(error)) {}
  bool has_value() const noexcept { return !error_; }
  explicit operator bool() const noexcept { return has_value(); }
  void value() const {
    if (error_) std::rethrow_exception(error_);
  }
  std::exception_ptr error() const noexcept { return error_; }

 private:
  std::exception_ptr error_;
};

namespace detail {

class PoolCore;

// The shared state behind a Future: refcounted, allocated once per task,
// holding the callable until it runs and the result after.
class StateBase {
 public:
  enum Status : std::uint32_t { kPending = 0, kRunning = 1, kDone = 2 };

  StateBase(const PoolCore* owner, const std::source_location& origin) noexcept
      : owner_(owner), origin_(origin) {}
  StateBase(const StateBase&) = delete;
  StateBase& operator=(const StateBase&) = delete;

  void add_ref() noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release() noexcept {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  // Pending -> running; exactly one caller wins, so no task runs twice.
  bool try_claim() noexcept {
    std::uint32_t expected = kPending;
    return status_.compare_exchange_strong(expected, kRunning, std::memory_order_acquire,
                                           std::memory_order_relaxed);
  }
  // Runs a claimed task and publishes its result.
  void run_claimed() noexcept {
    invoke();
    complete();
  }
  // Completes a claimed task with CancelledError without running it.
  void cancel_claimed() noexcept;
  // Completes an unclaimed-by-task state (a Promise) with a stored result.
  void complete() noexcept;

  bool is_done() const noexcept { return status_.load(std::memory_order_acquire) == kDone; }
  bool is_cancelled() const noexcept { return is_done() && cancelled_; }

  // Blocks until done. On a worker of the owning pool, runs the task inline
  // if it is still queued (and, in debug mode, reports the self-wait).
  void wait(const std::source_location& where, const char* primitive);
  // As wait() but gives up at the deadline; returns is_done().
  bool wait_until(std::chrono::steady_clock::time_point deadline,
                  const std::source_location& where);

  // Runs `callback` once the state is done: at once (on this thread) if it
  // already is, else on the thread that completes it. Must not block.
  void on_done(std::function<void()> callback);

  // The stored exception (nullptr if none); marks it as retrieved.
  std::exception_ptr take_error() noexcept {
    error_retrieved_ = true;
    return error_;
  }
  // As take_error, but moves the exception out, so that the reader's thread
  // alone owns it from now on (and the worker that may drop the state's last
  // reference never touches it).
  std::exception_ptr move_error_out() {
    if (result_taken_) throw FutureError("concur::Future result already retrieved");
    result_taken_ = true;
    error_retrieved_ = true;
    return std::move(error_);
  }

  const PoolCore* owner() const noexcept { return owner_; }

 protected:
  virtual ~StateBase();
  // Runs the callable and stores its value or exception.
  virtual void invoke() noexcept = 0;
  // Drops the callable (and what it captured) without running it.
  virtual void discard_callable() noexcept {}

  std::exception_ptr error_;

 private:
  struct CallbackNode {
    CallbackNode* next;
    std::function<void()> callback;
  };
  static CallbackNode* closed() noexcept { return reinterpret_cast<CallbackNode*>(std::uintptr_t{1}); }
  void help_or_report_self_wait(const std::source_location& where);

  std::atomic<std::uint32_t> refs_{1};
  std::atomic<std::uint32_t> status_{kPending};
  std::atomic<std::uint32_t> waiters_{0};
  std::atomic<CallbackNode*> callbacks_{nullptr};
  bool cancelled_ = false;         // written before the kDone release-store
  bool error_retrieved_ = false;   // only touched by the Future's owner
  bool result_taken_ = false;      // get() ran: the value or error was moved out
  const PoolCore* owner_;
  std::source_location origin_;
};

template <class T>
class ValueState : public StateBase {
 public:
  using StateBase::StateBase;
  std::optional<T> value;
};

template <>
class ValueState<void> : public StateBase {
 public:
  using StateBase::StateBase;
};

template <class T, class Fn>
class TaskState final : public ValueState<T> {
 public:
  TaskState(Fn&& fn, const PoolCore* owner, const std::source_location& origin)
      : ValueState<T>(owner, origin), fn_(std::move(fn)) {}

 private:
  void invoke() noexcept override {
    try {
      if constexpr (std::is_void_v<T>)
        (*fn_)();
      else
        this->value.emplace((*fn_)());
    } catch (...) {
      this->error_ = std::current_exception();
    }
    fn_.reset();  // release captures on the worker, not in whichever thread drops the last ref
  }
  void discard_callable() noexcept override { fn_.reset(); }

  std::optional<Fn> fn_;
};

// Promise-side state with no callable.
template <class T>
class PromiseState final : public ValueState<T> {
 public:
  using ValueState<T>::ValueState;
  void set_error(std::exception_ptr error) noexcept { this->error_ = std::move(error); }

 private:
  void invoke() noexcept override {}
};

template <class T>
class FutureAccess;

}  // namespace detail

template <class T>
class Promise;

template <class T>
class [[nodiscard]] Future {
 public:
  Future() noexcept = default;
  Future(Future&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  Future& operator=(Future&& other) noexcept {
    if (this != &other) {
      reset();
      state_ = std::exchange(other.state_, nullptr);
    }
    return *this;
  }
  Future(const Future&) = delete;
  Future& operator=(const Future&) = delete;
  ~Future() { reset(); }

  // False for a default-constructed or moved-from Future.
  bool valid() const noexcept { return state_ != nullptr; }
  // True once the task finished, failed or was cancelled. Never blocks.
  bool done() const { return checked().is_done(); }
  // True if cancel() (or ThreadPool::shutdown with cancel_pending) won.
  bool cancelled() const { return checked().is_cancelled(); }

  // Cancels the task if it has not started; returns whether it did.
  bool cancel() {
    detail::StateBase& state = checked();
    if (!state.try_claim()) return state.is_cancelled();
    state.cancel_claimed();
    return true;
  }

  // Blocks until done.
  CONCUR_BLOCKING void wait(std::source_location where = std::source_location::current()) const {
    detail::StateBase& state = checked();
    if (!state.is_done()) state.wait(where, "concur::Future::wait");
  }
  // Blocks at most `timeout`; returns done().
  template <class Rep, class Period>
  CONCUR_BLOCKING bool wait_for(std::chrono::duration<Rep, Period> timeout,
                                std::source_location where = std::source_location::current()) const {
    detail::StateBase& state = checked();
    if (state.is_done()) return true;
    return state.wait_until(std::chrono::steady_clock::now() +
                                std::chrono::ceil<std::chrono::steady_clock::duration>(timeout),
                            where);
  }

  // Waits, then returns the value or rethrows the task's exception.
  CONCUR_BLOCKING T get(std::source_location where = std::source_location::current()) {
    detail::StateBase& state = checked();
    if (!state.is_done()) state.wait(where, "concur::Future::get");
    return take_result();
  }

  // Waits, then returns the task's exception (nullptr if it succeeded).
  // Counts as reading the exception.
  CONCUR_BLOCKING std::exception_ptr exception(
      std::source_location where = std::source_location::current()) {
    detail::StateBase& state = checked();
    if (!state.is_done()) state.wait(where, "concur::Future::exception");
    return state.take_error();
  }

 private:
  friend class ThreadPool;
  friend class Promise<T>;
  friend class detail::FutureAccess<T>;
  explicit Future(detail::ValueState<T>* state) noexcept : state_(state) {}

  detail::ValueState<T>& checked() const {
    if (state_ == nullptr) throw FutureError("concur::Future has no state");
    return *state_;
  }
  T take_result() {
    if (std::exception_ptr error = state_->move_error_out()) std::rethrow_exception(std::move(error));
    if constexpr (!std::is_void_v<T>) {
      T result = std::move(*state_->value);
      state_->value.reset();
      return result;
    }
  }
  void reset() noexcept {
    if (state_ != nullptr) std::exchange(state_, nullptr)->release();
  }

  detail::ValueState<T>* state_ = nullptr;
};

// Completes a Future by hand, from any thread (for adapting callback APIs).
template <class T>
class Promise {
 public:
  explicit Promise(std::source_location where = std::source_location::current())
      : state_(new detail::PromiseState<T>(nullptr, where)) {
    state_->try_claim();  // a promise is "running" until it is fulfilled
  }
  Promise(Promise&& other) noexcept : state_(std::exchange(other.state_, nullptr)) {}
  Promise& operator=(Promise&&) = delete;
  Promise(const Promise&) = delete;
  Promise& operator=(const Promise&) = delete;
  // A promise dropped unfulfilled breaks its future.
  ~Promise() {
    if (state_ == nullptr) return;
    if (!fulfilled_) {
      state_->set_error(std::make_exception_ptr(FutureError("concur::Promise broken")));
      state_->complete();
    }
    state_->release();
  }

  // Call at most once.
  Future<T> get_future() {
    state_->add_ref();
    return Future<T>(state_);
  }

  template <class... Args>
  void set_value(Args&&... args) {
    mark_fulfilled();
    if constexpr (!std::is_void_v<T>) state_->value.emplace(std::forward<Args>(args)...);
    state_->complete();
  }
  void set_exception(std::exception_ptr error) {
    mark_fulfilled();
    state_->set_error(std::move(error));
    state_->complete();
  }

 private:
  void mark_fulfilled() {
    if (fulfilled_) throw FutureError("concur::Promise already fulfilled");
    fulfilled_ = true;
  }
  detail::PromiseState<T>* state_;
  bool fulfilled_ = false;
};

namespace detail {
// Lets other parts of the runtime (as_completed, the event loop) reach the
// state without widening Future's public API.
template <class T>
class FutureAccess {
 public:
  static ValueState<T>* state(const Future<T>& future) noexcept { return future.state_; }
  static T take(Future<T>& future) { return future.take_result(); }
};
}  // namespace detail

}  // namespace concur
