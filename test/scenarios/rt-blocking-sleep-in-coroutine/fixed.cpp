// Fixed: await the loop's sleep (Python: await asyncio.sleep(1)); the loop
// runs the other fetches while this one waits.
#include <concur/event_loop.h>

#include <cstdio>

using namespace std::chrono_literals;

concur::Task<int> fetch_data(int id) {
  std::printf("Start %d\n", id);
  co_await concur::sleep(100ms);  // suspends this task only
  std::printf("End %d\n", id);
  co_return id;
}

concur::Task<void> main_task() {
  auto [a, b, c] = co_await concur::gather(fetch_data(1), fetch_data(2), fetch_data(3));
  std::printf("results %d %d %d\n", a, b, c);
}

int main() { concur::run(main_task()); }
