#include <coroutine>
struct T { struct promise_type { T get_return_object() { return {}; } std::suspend_never initial_suspend() noexcept { return {}; } std::suspend_never final_suspend() noexcept { return {}; } void return_void() {} void unhandled_exception() {} }; };
void refresh_cache();   // defined in cache.cpp
void log_line();        // defined in log.cpp: does not block
T handle_request() {
  log_line();
  refresh_cache();
  co_return;
}
