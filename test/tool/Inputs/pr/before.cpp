#include <coroutine>
#include <unistd.h>
struct T { struct promise_type { T get_return_object() { return {}; } std::suspend_never initial_suspend() noexcept { return {}; } std::suspend_never final_suspend() noexcept { return {}; } void return_void() {} void unhandled_exception() {} }; };
void wait_a_bit() { usleep(10); }
void tidy_up() {}
T handler() {
  wait_a_bit();
  co_return;
}
T idle() {
  tidy_up();
  co_return;
}
