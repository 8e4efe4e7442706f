#include <coroutine>
#include <unistd.h>
struct T { struct promise_type { T get_return_object() { return {}; } std::suspend_never initial_suspend() noexcept { return {}; } std::suspend_never final_suspend() noexcept { return {}; } void return_void() {} void unhandled_exception() {} }; };
void sync_disk() {}
static void flush_here() { sync_disk(); }
static void settle() { usleep(1000); }
static void read_config() { settle(); }
static void refresh_cache() { read_config(); }
T handle_here() {
  flush_here();
  refresh_cache();
  co_return;
}
