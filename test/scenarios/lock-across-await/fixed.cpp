// The fix: hold the thread lock only around the shared-state update, never
// across co_await. The lock is released before the task suspends, so the
// other task on the loop thread takes it without waiting.
#include <concur/event_loop.h>

#include <cstdio>
#include <mutex>

using namespace std::chrono_literals;

std::mutex cache_mutex;
int refreshed = 0;

concur::Task<void> refresh_cache(int id) {
  std::printf("task %d: waiting for the cache lock\n", id);
  {
    std::lock_guard<std::mutex> guard(cache_mutex);
    std::printf("task %d: locked\n", id);
  }
  co_await concur::sleep(20ms);  // nothing held while suspended
  {
    std::lock_guard<std::mutex> guard(cache_mutex);
    ++refreshed;
  }
  std::printf("task %d: done\n", id);
}

concur::Task<void> main_task() {
  co_await concur::gather(refresh_cache(1), refresh_cache(2));
  std::printf("refreshed %d\n", refreshed);
}

int main() {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  concur::run(main_task());
}
