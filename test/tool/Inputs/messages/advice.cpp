#include <coroutine>
#include <future>
#include <sys/wait.h>
#include <unistd.h>
struct Lazy { struct promise_type { Lazy get_return_object() { return {}; } std::suspend_always initial_suspend() noexcept { return {}; } std::suspend_always final_suspend() noexcept { return {}; } void return_void() {} void unhandled_exception() {} }; };
[[clang::annotate("concur::blocking")]] void slow_lookup();
int work();
Lazy fetch() { co_return; }
Lazy waits(std::future<int> f, int fd, pid_t child) {
  f.get();
  char c;
  read(fd, &c, 1);
  waitpid(child, nullptr, 0);
  slow_lookup();
  co_return;
}
void drops() { fetch(); }
int one_at_a_time() {
  int sum = 0;
  for (int i = 0; i < 4; ++i) {
    auto f = std::async(std::launch::async, work);
    sum += f.get();
  }
  return sum;
}
