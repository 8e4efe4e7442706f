// Coroutine return types of every kind concur-unawaited-coroutine must tell
// apart, next to mini_task.h's lazy Task: an eager task, a generator, a
// lazy job started by hand, and a task awaitable only through a member
// operator co_await.
#pragma once
#include <coroutine>
#include <exception>

// Runs to its first suspension at the call (std::suspend_never).
struct EagerTask {
  struct promise_type {
    EagerTask get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
    void return_void() {}
  };
};

// Eager through a custom awaiter whose await_ready() is true.
struct StartNow {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
struct FireAndForget {
  struct promise_type {
    FireAndForget get_return_object() { return {}; }
    StartNow initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
    void return_void() {}
  };
};

// A generator: consumed by range-for, not by co_await.
struct Numbers {
  struct promise_type {
    int current = 0;
    Numbers get_return_object() { return Numbers{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) noexcept { current = v; return {}; }
    void unhandled_exception() { std::terminate(); }
    void return_void() {}
  };
  struct iterator {
    std::coroutine_handle<promise_type> h;
    int operator*() const { return h.promise().current; }
    iterator &operator++() { h.resume(); return *this; }
    bool operator!=(const iterator &) const { return !h.done(); }
  };
  std::coroutine_handle<promise_type> handle;
  iterator begin() { handle.resume(); return {handle}; }
  iterator end() { return {handle}; }
};

// Lazy, not awaitable: start() runs it.
struct Job {
  struct promise_type {
    Job get_return_object() { return Job{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
    void return_void() {}
  };
  std::coroutine_handle<promise_type> handle;
  void start() { handle.resume(); }
  bool started() const { return handle.done(); }
};

// Awaitable through operator co_await rather than await_* members.
struct Lazy {
  struct promise_type {
    Lazy get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
    void return_void() {}
  };
  std::suspend_always operator co_await() const noexcept { return {}; }
};

// A request object the caller's promise knows how to await (configured
// through AwaitableTypes in the test).
struct Request { int id; };
