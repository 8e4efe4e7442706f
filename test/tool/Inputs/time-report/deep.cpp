// A coroutine reaches a sleep through twelve calls: deeper than call paths
// are followed (8 calls), so its analysis is cut short, and concur says so.
#include <coroutine>
#include <unistd.h>

struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

void level12() { usleep(10); }
void level11() { level12(); }
void level10() { level11(); }
void level9() { level10(); }
void level8() { level9(); }
void level7() { level8(); }
void level6() { level7(); }
void level5() { level6(); }
void level4() { level5(); }
void level3() { level4(); }
void level2() { level3(); }
void level1() { level2(); }

Task handler() {
  level1();
  co_return;
}
