// Look-alike: a generator consumed by range-for and an eager coroutine
// (initial_suspend never suspends) called for its effect.
#include <coroutine>
#include <exception>

struct Counter {
  struct promise_type {
    int value = 0;
    Counter get_return_object() { return Counter{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) noexcept { value = v; return {}; }
    void unhandled_exception() { std::terminate(); }
    void return_void() {}
  };
  struct iterator {
    std::coroutine_handle<promise_type> h;
    int operator*() const { return h.promise().value; }
    iterator &operator++() { h.resume(); return *this; }
    bool operator!=(const iterator &) const { return !h.done(); }
  };
  std::coroutine_handle<promise_type> h;
  iterator begin() { h.resume(); return {h}; }
  iterator end() { return {h}; }
};

struct Detached {
  struct promise_type {
    Detached get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void unhandled_exception() { std::terminate(); }
    void return_void() {}
  };
};

Counter count_to(int n) {
  for (int i = 1; i <= n; ++i)
    co_yield i;
}

int total = 0;
Detached log_total() {
  total += 1;
  co_return;
}

int sum_to(int n) {
  int sum = 0;
  for (int i : count_to(n))
    sum += i;
  log_total();
  return sum;
}
