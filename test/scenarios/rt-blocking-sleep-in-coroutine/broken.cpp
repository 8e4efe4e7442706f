// asyncio hazard: a blocking sleep inside a coroutine (Python: time.sleep
// in an async def). The loop thread sleeps, so the three fetches run one
// after another instead of together.
#include <concur/event_loop.h>
#include <concur/sync.h>

#include <cstdio>

using namespace std::chrono_literals;

concur::Task<int> fetch_data(int id) {
  std::printf("Start %d\n", id);
  concur::this_thread::sleep_for(100ms);  // blocks the loop: every task waits
  std::printf("End %d\n", id);
  co_return id;
}

concur::Task<void> main_task() {
  auto [a, b, c] = co_await concur::gather(fetch_data(1), fetch_data(2), fetch_data(3));
  std::printf("results %d %d %d\n", a, b, c);
}

int main() { concur::run(main_task()); }
