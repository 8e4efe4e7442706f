// concur/event_loop.h - a single-threaded event loop running Task<T>
// coroutines (Python's asyncio).
//
// What:
//
//   concur::Task<Page> fetch_data(int id) {
//     co_await concur::sleep(1s);                 // asyncio.sleep: lets other tasks run
//     co_return Page{id};
//   }
//   concur::Task<> main_task(concur::ThreadPool& pool) {
//     auto [a, b, c] = co_await concur::gather(fetch_data(1), fetch_data(2), fetch_data(3));
//     int digest = co_await concur::run_in_executor(pool, [] { return crunch(); });
//   }
//   concur::EventLoop loop;
//   loop.run(main_task(pool));                    // asyncio.run(main())
//
//   asyncio                      concur
//   async def f() / coroutine    concur::Task<T> f()   (lazy: runs when awaited or scheduled)
//   await x                      co_await x
//   asyncio.run(main())          concur::run(main()) or EventLoop::run
//   loop.create_task(coro)       loop.create_task(f())   (runs concurrently)
//   asyncio.sleep(d)             concur::sleep(d);  asyncio.sleep(0): concur::yield()
//   asyncio.gather(...)          concur::gather(...)  (first error propagates)
//   gather(return_exceptions=True) concur::gather_settled(...) -> Outcome<T>s
//   asyncio.wait_for(aw, t)      concur::wait_for(task, t)  (TimeoutError)
//   loop.run_in_executor(p, fn)  concur::run_in_executor(pool, fn); co_await any Future
//   loop.call_soon(fn)           loop.call_soon(fn)           (loop thread only)
//   loop.call_soon_threadsafe    loop.call_soon_threadsafe(fn) (any thread)
//   loop.call_later(d, fn)       loop.call_later(d, fn)
//   task.cancel()                task.cancel()  -> CancelledError at its next co_await
//
// Why: the loop is single-threaded, so tasks share state without locks as
// long as they only switch at co_await. It holds tens of thousands of tasks
// (a suspended Task is one heap frame) and switches between them in tens of
// nanoseconds (bench/runtime).
//
// Semantics worth knowing:
//  - A Task does nothing until it is awaited or passed to create_task/run/
//    gather. A Task that is never started is simply destroyed.
//  - gather waits for every task before returning or rethrowing: in C++ the
//    tasks may reference the caller's locals, so the caller must not resume
//    while they still run. The exception that happened first is rethrown; the
//    others count as retrieved.
//  - Cancellation is delivered as CancelledError at the task's next
//    suspension point (sleep/yield are interrupted at once; a co_await on a
//    thread-pool Future waits for the Future first). When run() finishes
//    its main task it cancels the tasks still running and waits for them, as
//    asyncio.run does.
//  - A Task's result can be read once (co_await moves it out).
//
// Debug mode (concur/debug.h) reports a step that runs longer than the
// slow-step threshold (concur-rt-blocked-loop, naming the task and the
// co_await points around the step), blocking concur primitives on the loop
// thread, tasks destroyed with an exception nobody awaited, and loop API
// other than call_soon_threadsafe used from a foreign thread (the call is
// then forwarded thread-safely instead of racing).
//
// Do not:
//  - call blocking functions (std::this_thread::sleep_for, Future::get, file
//    or network I/O, long computations) in a Task: every other task waits.
//    co_await concur::sleep, or move the work with run_in_executor;
//  - hold a lock across co_await;
//  - touch the loop from another thread except through call_soon_threadsafe
//    (the loop is deliberately unsynchronised, like asyncio's);
//  - destroy the EventLoop while another thread may still call
//    call_soon_threadsafe on it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <source_location>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#include "concur/future.h"
#include "concur/thread_pool.h"

namespace concur {

class EventLoop;
template <class T = void>
class Task;

namespace detail {

struct LoopAccess;

// State every Task frame carries. All of it is touched only on the loop
// thread; the fields marked (root) are used on the task that the loop
// schedules, which the frames it awaits directly share.
struct TaskPromiseBase {
  explicit TaskPromiseBase(const std::source_location& where) noexcept
      : origin(where), suspended_at(where) {}
  TaskPromiseBase(const TaskPromiseBase&) = delete;
  TaskPromiseBase& operator=(const TaskPromiseBase&) = delete;
  ~TaskPromiseBase();

  std::uint32_t refs = 1;          // Task handles, plus one while scheduled
  bool started = false;
  bool done = false;
  bool scheduled = false;          // a root the loop owns a reference to
  bool error_retrieved = false;
  bool cancelled = false;          // finished by CancelledError
  bool cancel_requested = false;   // (root) deliver CancelledError at the next suspension
  EventLoop* loop = nullptr;
  TaskPromiseBase* root = this;
  std::coroutine_handle<> self;
  std::coroutine_handle<> continuation;
  std::exception_ptr error;
  std::function<void()> cancel_hook;                  // (root) wakes it early on cancel
  std::vector<std::function<void()>> done_callbacks;  // gather, wait_for
  TaskPromiseBase* live_prev = nullptr;               // the loop's list of scheduled roots
  TaskPromiseBase* live_next = nullptr;
  std::source_location origin;        // the coroutine function
  std::source_location suspended_at;  // (root) the last co_await reached
  // (root, debug mode) coroutines started inside the current step, so a
  // slow-step report can name the frames that ran, not only the task.
  std::vector<std::source_location> entered_in_step;

  struct FinalAwaiter {
    TaskPromiseBase* promise;
    bool await_ready() const noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept;
    void await_resume() const noexcept {}
  };

  std::suspend_always initial_suspend() const noexcept { return {}; }
  FinalAwaiter final_suspend() noexcept { return {this}; }
  void unhandled_exception() noexcept;

  // Records every co_await site, so that a slow step can be reported with
  // the code between two suspension points.
  template <class Awaitable>
  Awaitable&& await_transform(Awaitable&& awaitable,
                              std::source_location where = std::source_location::current()) noexcept {
    root->suspended_at = where;
    return std::forward<Awaitable>(awaitable);
  }

  void release() noexcept {
    if (--refs == 0) self.destroy();
  }
};

template <class T>
struct TaskPromise final : TaskPromiseBase {
  explicit TaskPromise(std::source_location where = std::source_location::current()) noexcept
      : TaskPromiseBase(where) {}
  Task<T> get_return_object() noexcept;
  template <class U = T>
  void return_value(U&& value) {
    result.emplace(std::forward<U>(value));
  }
  std::optional<T> result;
};

template <>
struct TaskPromise<void> final : TaskPromiseBase {
  explicit TaskPromise(std::source_location where = std::source_location::current()) noexcept
      : TaskPromiseBase(where) {}
  Task<void> get_return_object() noexcept;
  void return_void() const noexcept {}
};

// Requests cancellation of the scheduled task `task` belongs to.
void cancel_task(TaskPromiseBase& task) noexcept;

// Reads a finished task's result (or rethrows its exception) once.
template <class T>
T take_task_result(TaskPromise<T>& promise) {
  if (promise.error) {
    promise.error_retrieved = true;
    std::rethrow_exception(promise.error);
  }
  if constexpr (!std::is_void_v<T>) {
    if (!promise.result) throw FutureError("concur::Task result already taken");
    T value = std::move(*promise.result);
    promise.result.reset();
    return value;
  }
}

template <class T>
struct TaskAwaiter {
  std::coroutine_handle<TaskPromise<T>> child;
  TaskPromiseBase* waiting_root = nullptr;

  bool await_ready() const noexcept { return child.promise().done; }

  template <class Promise>
  std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> parent) {
    TaskPromise<T>& task = child.promise();
    TaskPromiseBase& awaiting = parent.promise();
    if (task.continuation) throw std::logic_error("concur::Task awaited twice");
    task.continuation = parent;
    if (!task.started) {
      // Runs as part of the awaiting task, starting right now.
      task.started = true;
      task.root = awaiting.root;
      task.loop = awaiting.root->loop;
      if (debug::enabled() && task.root->entered_in_step.size() < 8) [[unlikely]]
        task.root->entered_in_step.push_back(task.origin);
      return child;
    }
    // Scheduled on its own: wait for it; cancelling us cancels it.
    waiting_root = awaiting.root;
    waiting_root->cancel_hook = [&task] { cancel_task(task); };
    return std::noop_coroutine();
  }

  T await_resume() {
    if (waiting_root != nullptr) {
      waiting_root->cancel_hook = nullptr;
      if (child.promise().cancelled) waiting_root->cancel_requested = false;  // delivered
    }
    return take_task_result(child.promise());
  }
};

}  // namespace detail

// A coroutine returning T on an EventLoop (an asyncio coroutine/Task).
// Move-only; [[nodiscard]] because a Task that is dropped never runs.
template <class T>
class [[nodiscard]] Task {
 public:
  using promise_type = detail::TaskPromise<T>;
  using value_type = T;

  Task() noexcept = default;
  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      reset();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { reset(); }

  bool valid() const noexcept { return static_cast<bool>(handle_); }
  // True once the coroutine returned or threw.
  bool done() const noexcept { return handle_ && handle_.promise().done; }
  // Requests cancellation (for a task started with create_task): it gets
  // CancelledError at its next suspension point.
  void cancel() noexcept {
    if (handle_) detail::cancel_task(handle_.promise());
  }

  detail::TaskAwaiter<T> operator co_await() & noexcept { return {handle_}; }
  detail::TaskAwaiter<T> operator co_await() && noexcept { return {handle_}; }

 private:
  friend promise_type;
  friend class EventLoop;
  friend struct detail::LoopAccess;
  explicit Task(std::coroutine_handle<promise_type> handle) noexcept : handle_(handle) {}
  void reset() noexcept {
    if (handle_) std::exchange(handle_, {}).promise().release();
  }

  std::coroutine_handle<promise_type> handle_;
};

template <class T>
Task<T> detail::TaskPromise<T>::get_return_object() noexcept {
  self = std::coroutine_handle<TaskPromise<T>>::from_promise(*this);
  return Task<T>(std::coroutine_handle<TaskPromise<T>>::from_promise(*this));
}

inline Task<void> detail::TaskPromise<void>::get_return_object() noexcept {
  self = std::coroutine_handle<TaskPromise<void>>::from_promise(*this);
  return Task<void>(std::coroutine_handle<TaskPromise<void>>::from_promise(*this));
}

// Identifies a callback scheduled with call_later, for cancel().
struct TimerId {
  std::uint64_t value = 0;
};

class EventLoop {
 public:
  using Clock = std::chrono::steady_clock;

  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Runs `main` to completion and returns its result or rethrows its
  // exception. Tasks still running afterwards are cancelled and awaited.
  // The loop runs on the calling thread.
  template <class T>
  T run(Task<T> main, std::source_location where = std::source_location::current()) {
    run_main(main.handle_.promise(), where);
    return detail::take_task_result(main.handle_.promise());
  }

  // Schedules `task` to run concurrently and returns it; co_await the result
  // to get its value. Dropping the returned Task does not stop it, but then
  // nobody sees its exception (debug mode reports that).
  template <class T>
  Task<T> create_task(Task<T> task, std::source_location where = std::source_location::current()) {
    if (!task.valid()) throw std::invalid_argument("concur::EventLoop::create_task: empty task");
    if (task.handle_.promise().started)
      throw std::logic_error("concur::EventLoop::create_task: task already started");
    if (debug::enabled()) [[unlikely]]
      check_thread("create_task", where);
    start_root(task.handle_.promise());
    return task;
  }

  // Runs `callback` on the loop thread at the next iteration. Loop thread
  // only; from other threads use call_soon_threadsafe.
  void call_soon(std::function<void()> callback,
                 std::source_location where = std::source_location::current());
  // Thread-safe: may be called from any thread, wakes the loop.
  void call_soon_threadsafe(std::function<void()> callback,
                            std::source_location where = std::source_location::current());
  // Runs `callback` after `delay` (loop thread only).
  TimerId call_later(Clock::duration delay, std::function<void()> callback,
                     std::source_location where = std::source_location::current());
  // Cancels a call_later callback that has not run yet.
  void cancel(TimerId timer);

  // Runs fn on `pool`; co_await the returned Future from a task.
  template <class Fn>
  auto run_in_executor(ThreadPool& pool, Fn&& fn,
                       std::source_location where = std::source_location::current()) {
    return pool.submit(std::forward<Fn>(fn), where);
  }

  // The loop running on this thread, or nullptr (asyncio.get_running_loop).
  static EventLoop* current() noexcept;
  bool is_running() const noexcept { return owner_.load(std::memory_order_relaxed) != std::thread::id(); }
  // Tasks scheduled with create_task (or run) that have not finished.
  std::size_t pending_tasks() const noexcept { return live_count_; }

 private:
  friend struct detail::LoopAccess;

  struct ReadyItem {
    std::coroutine_handle<> coroutine;
    detail::TaskPromiseBase* root = nullptr;
    std::function<void()> callback;
    std::source_location where;
  };
  struct Timer {
    Clock::time_point due;
    std::uint64_t id;
    std::coroutine_handle<> coroutine;
    detail::TaskPromiseBase* root;
    std::function<void()> callback;
    std::source_location where;
  };

  void run_main(detail::TaskPromiseBase& main, const std::source_location& where);
  void run_once();
  void execute(ReadyItem& item);
  void execute_timed(ReadyItem& item);
  void start_root(detail::TaskPromiseBase& task);
  void finish_root(detail::TaskPromiseBase& task) noexcept;
  void push_ready(std::coroutine_handle<> coroutine, detail::TaskPromiseBase* root) {
    ready_.push_back(ReadyItem{coroutine, root, {}, {}});
  }
  void push_ready_threadsafe(std::coroutine_handle<> coroutine, detail::TaskPromiseBase* root);
  std::uint64_t add_timer(Clock::time_point due, std::coroutine_handle<> coroutine,
                          detail::TaskPromiseBase* root, std::function<void()> callback,
                          const std::source_location& where);
  void check_thread(const char* api, const std::source_location& where);
  bool on_foreign_thread() const noexcept;

  std::deque<ReadyItem> ready_;
  std::vector<Timer> timers_;                    // a min-heap on (due, id)
  std::unordered_set<std::uint64_t> cancelled_timers_;
  std::uint64_t next_timer_id_ = 1;
  detail::TaskPromiseBase* live_first_ = nullptr;
  std::size_t live_count_ = 0;
  std::atomic<std::thread::id> owner_{};         // the running thread; read by foreign threads

  std::mutex inbox_mu_;                          // guards inbox_ (call_soon_threadsafe)
  std::condition_variable inbox_cv_;
  std::vector<ReadyItem> inbox_;
  std::atomic<bool> inbox_nonempty_{false};
};

namespace detail {

// The awaitables' door into the loop's private scheduling functions.
struct LoopAccess {
  static void push_ready(EventLoop& loop, std::coroutine_handle<> h, TaskPromiseBase* root) {
    loop.push_ready(h, root);
  }
  static void push_ready_threadsafe(EventLoop& loop, std::coroutine_handle<> h, TaskPromiseBase* root) {
    loop.push_ready_threadsafe(h, root);
  }
  static std::uint64_t add_timer(EventLoop& loop, EventLoop::Clock::time_point due,
                                 std::coroutine_handle<> h, TaskPromiseBase* root,
                                 std::function<void()> callback = {}) {
    return loop.add_timer(due, h, root, std::move(callback), {});
  }
  static void cancel_timer(EventLoop& loop, std::uint64_t id) { loop.cancel(TimerId{id}); }
  static void start_root(EventLoop& loop, TaskPromiseBase& task) { loop.start_root(task); }
  static void finish_root(EventLoop& loop, TaskPromiseBase& task) noexcept { loop.finish_root(task); }
  template <class T>
  static TaskPromise<T>& promise(Task<T>& task) {
    if (!task.valid()) throw std::invalid_argument("concur: empty Task");
    return task.handle_.promise();
  }
};

// Throws CancelledError if cancellation of `root` is pending (and consumes it).
inline void deliver_cancellation(TaskPromiseBase* root) {
  root->cancel_hook = nullptr;
  if (root->cancel_requested) {
    root->cancel_requested = false;
    throw CancelledError();
  }
}

struct SleepAwaiter {
  EventLoop::Clock::duration delay;
  TaskPromiseBase* root = nullptr;

  bool await_ready() const noexcept { return false; }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> handle) {
    root = handle.promise().root;
    if (root->cancel_requested) return false;
    EventLoop& loop = *root->loop;
    if (delay <= EventLoop::Clock::duration::zero()) {
      LoopAccess::push_ready(loop, handle, root);  // a cancel is noticed on resume
      return true;
    }
    std::uint64_t timer = LoopAccess::add_timer(loop, EventLoop::Clock::now() + delay, handle, root);
    root->cancel_hook = [&loop, timer, handle, task = root] {
      LoopAccess::cancel_timer(loop, timer);
      LoopAccess::push_ready(loop, handle, task);
    };
    return true;
  }
  void await_resume() { deliver_cancellation(root); }
};

// Waits until every listed task is done, starting those not yet started.
struct WhenAllDone {
  std::vector<TaskPromiseBase*> tasks;
  std::size_t remaining = 0;
  std::ptrdiff_t first_failed = -1;  // in completion order
  TaskPromiseBase* root = nullptr;

  bool await_ready() const noexcept {
    for (TaskPromiseBase* task : tasks)
      if (!task->done) return false;
    return true;
  }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> handle) {
    root = handle.promise().root;
    EventLoop& loop = *root->loop;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      TaskPromiseBase* task = tasks[i];
      if (!task->started) LoopAccess::start_root(loop, *task);
      if (task->done) {
        if (task->error && first_failed < 0) first_failed = static_cast<std::ptrdiff_t>(i);
        continue;
      }
      ++remaining;
      task->done_callbacks.push_back([this, i, task, &loop, handle] {
        if (task->error && first_failed < 0) first_failed = static_cast<std::ptrdiff_t>(i);
        if (--remaining == 0) LoopAccess::push_ready(loop, handle, root);
      });
    }
    if (remaining == 0) return false;
    root->cancel_hook = [this] {
      for (TaskPromiseBase* task : tasks) cancel_task(*task);
    };
    return true;
  }
  void await_resume() noexcept {
    if (root != nullptr) root->cancel_hook = nullptr;
  }
};

// Waits until `task` is done or the timeout expires; on expiry cancels it
// and still waits for it to finish.
struct RaceWithTimer {
  TaskPromiseBase* task;
  EventLoop::Clock::duration timeout;
  bool timed_out = false;
  bool timer_armed = false;
  std::uint64_t timer = 0;
  TaskPromiseBase* root = nullptr;

  bool await_ready() const noexcept { return task->done; }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> handle) {
    root = handle.promise().root;
    EventLoop& loop = *root->loop;
    if (!task->started) LoopAccess::start_root(loop, *task);
    if (task->done) return false;
    task->done_callbacks.push_back([this, &loop, handle] {
      if (timer_armed) LoopAccess::cancel_timer(loop, timer);
      LoopAccess::push_ready(loop, handle, root);
    });
    timer_armed = true;
    timer = LoopAccess::add_timer(loop, EventLoop::Clock::now() + timeout, {}, nullptr, [this] {
      timer_armed = false;
      timed_out = true;
      cancel_task(*task);
    });
    root->cancel_hook = [this] { cancel_task(*task); };
    return true;
  }
  void await_resume() noexcept {
    if (root != nullptr) root->cancel_hook = nullptr;
  }
};

template <class T>
struct FutureAwaiter {
  Future<T> future;

  bool await_ready() const { return future.done(); }
  template <class Promise>
  void await_suspend(std::coroutine_handle<Promise> handle) {
    TaskPromiseBase* root = handle.promise().root;
    EventLoop* loop = root->loop;
    FutureAccess<T>::state(future)->on_done(
        [loop, handle, root] { LoopAccess::push_ready_threadsafe(*loop, handle, root); });
  }
  T await_resume() { return FutureAccess<T>::take(future); }
};

template <class T>
using Stored = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <class T>
Stored<T> take_stored(TaskPromise<T>& promise) {
  if constexpr (std::is_void_v<T>) {
    take_task_result(promise);
    return {};
  } else {
    return take_task_result(promise);
  }
}

template <class T>
Outcome<T> take_outcome(TaskPromise<T>& promise) {
  if (promise.error) {
    promise.error_retrieved = true;
    return Outcome<T>(promise.error);
  }
  if constexpr (std::is_void_v<T>)
    return Outcome<void>();
  else
    return Outcome<T>(take_task_result(promise));
}

}  // namespace detail

// co_await on a Future (e.g. from ThreadPool::submit) suspends the task
// until the future is done, without blocking the loop.
template <class T>
detail::FutureAwaiter<T> operator co_await(Future<T>&& future) {
  return {std::move(future)};
}

// Suspends the task for `delay`; other tasks run meanwhile (asyncio.sleep).
template <class Rep, class Period>
detail::SleepAwaiter sleep(std::chrono::duration<Rep, Period> delay) {
  return {std::chrono::ceil<EventLoop::Clock::duration>(delay)};
}

// Lets every other ready task run once, then continues (asyncio.sleep(0)).
inline detail::SleepAwaiter yield() { return {EventLoop::Clock::duration::zero()}; }

// Runs fn on `pool` and returns its Future; co_await it from a task.
template <class Fn>
auto run_in_executor(ThreadPool& pool, Fn&& fn,
                     std::source_location where = std::source_location::current()) {
  return pool.submit(std::forward<Fn>(fn), where);
}

// Runs the tasks concurrently and returns their results in order, a
// std::monostate standing for void. Waits for all of them; if any failed,
// rethrows the exception that happened first.
template <class... Ts>
Task<std::tuple<detail::Stored<Ts>...>> gather(Task<Ts>... tasks) {
  detail::WhenAllDone all{{&detail::LoopAccess::promise(tasks)...}};
  co_await all;
  if (all.first_failed >= 0) {
    std::exception_ptr first = all.tasks[static_cast<std::size_t>(all.first_failed)]->error;
    for (detail::TaskPromiseBase* task : all.tasks) task->error_retrieved = true;
    std::rethrow_exception(first);
  }
  co_return std::tuple<detail::Stored<Ts>...>(
      detail::take_stored(detail::LoopAccess::promise(tasks))...);
}

// gather over a vector of tasks of one type.
template <class T>
Task<std::conditional_t<std::is_void_v<T>, void, std::vector<T>>> gather(std::vector<Task<T>> tasks) {
  detail::WhenAllDone all;
  all.tasks.reserve(tasks.size());
  for (Task<T>& task : tasks) all.tasks.push_back(&detail::LoopAccess::promise(task));
  co_await all;
  if (all.first_failed >= 0) {
    std::exception_ptr first = all.tasks[static_cast<std::size_t>(all.first_failed)]->error;
    for (detail::TaskPromiseBase* task : all.tasks) task->error_retrieved = true;
    std::rethrow_exception(first);
  }
  if constexpr (!std::is_void_v<T>) {
    std::vector<T> results;
    results.reserve(tasks.size());
    for (Task<T>& task : tasks) results.push_back(detail::take_task_result(detail::LoopAccess::promise(task)));
    co_return results;
  }
}

// Like gather, but never throws for a task's failure: each result is an
// Outcome holding the value or the exception (return_exceptions=True).
template <class... Ts>
Task<std::tuple<Outcome<Ts>...>> gather_settled(Task<Ts>... tasks) {
  detail::WhenAllDone all{{&detail::LoopAccess::promise(tasks)...}};
  co_await all;
  co_return std::tuple<Outcome<Ts>...>(detail::take_outcome(detail::LoopAccess::promise(tasks))...);
}

template <class T>
Task<std::vector<Outcome<T>>> gather_settled(std::vector<Task<T>> tasks) {
  detail::WhenAllDone all;
  all.tasks.reserve(tasks.size());
  for (Task<T>& task : tasks) all.tasks.push_back(&detail::LoopAccess::promise(task));
  co_await all;
  std::vector<Outcome<T>> results;
  results.reserve(tasks.size());
  for (Task<T>& task : tasks) results.push_back(detail::take_outcome(detail::LoopAccess::promise(task)));
  co_return results;
}

// Awaits `task` for at most `timeout`; on expiry cancels it, waits for it
// to finish and throws TimeoutError (asyncio.wait_for).
template <class T, class Rep, class Period>
Task<T> wait_for(Task<T> task, std::chrono::duration<Rep, Period> timeout) {
  detail::TaskPromise<T>& promise = detail::LoopAccess::promise(task);
  detail::RaceWithTimer race{&promise, std::chrono::ceil<EventLoop::Clock::duration>(timeout)};
  co_await race;
  if (race.timed_out && promise.cancelled) {
    promise.error_retrieved = true;
    throw TimeoutError("concur::wait_for: timed out");
  }
  if constexpr (std::is_void_v<T>)
    detail::take_task_result(promise);
  else
    co_return detail::take_task_result(promise);
}

// Runs `main` on a fresh EventLoop on this thread (asyncio.run).
template <class T>
T run(Task<T> main, std::source_location where = std::source_location::current()) {
  EventLoop loop;
  return loop.run(std::move(main), where);
}

}  // namespace concur
