#include <coroutine>
struct T { struct promise_type { T get_return_object() { return {}; } std::suspend_never initial_suspend() noexcept { return {}; } std::suspend_never final_suspend() noexcept { return {}; } void return_void() {} void unhandled_exception() {} }; };
void refresh_cache();   // defined in cache.cpp
static void warm_up() { refresh_cache(); }
T handle_batch() {
  warm_up();
  co_return;
}
