// A minimal lazy coroutine task and event-loop sleep for lit tests: enough
// for co_await / co_return to type-check, without the runtime library.
#pragma once
#include <coroutine>
#include <exception>

template <typename T = void> struct Task {
  struct promise_type {
    Task get_return_object() { return Task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
    template <typename U> void return_value(U &&) {}
  };
  std::coroutine_handle<promise_type> handle;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  T await_resume() const noexcept { return T{}; }
};

template <> struct Task<void> {
  struct promise_type {
    Task get_return_object() { return Task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
    void return_void() {}
  };
  std::coroutine_handle<promise_type> handle;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};

namespace loop {
// The event loop's non-blocking sleep: an awaitable, not a blocking call.
struct SleepAwaiter {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
inline SleepAwaiter sleep(int /*ms*/) { return {}; }
} // namespace loop
