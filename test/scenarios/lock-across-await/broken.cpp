// asyncio hazard: "asyncio is not thread-safe" (notes, Q5). A thread lock
// (std::mutex) is held across co_await. While the first task sleeps with the
// lock held, the loop thread runs the second task, which blocks on the same
// lock: the loop thread now waits for a task that only the loop thread can
// resume, and the program never finishes.
#include <concur/event_loop.h>

#include <cstdio>
#include <mutex>

using namespace std::chrono_literals;

std::mutex cache_mutex;
int refreshed = 0;

concur::Task<void> refresh_cache(int id) {
  std::printf("task %d: waiting for the cache lock\n", id);
  std::lock_guard<std::mutex> guard(cache_mutex);
  std::printf("task %d: locked\n", id);
  co_await concur::sleep(20ms);  // suspends with cache_mutex held
  ++refreshed;
  std::printf("task %d: done\n", id);
}

concur::Task<void> main_task() {
  co_await concur::gather(refresh_cache(1), refresh_cache(2));
  std::printf("refreshed %d\n", refreshed);
}

int main() {
  // Line-buffered even into a file: the stalled run is killed by a timeout.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  concur::run(main_task());
}
