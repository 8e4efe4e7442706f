// Fixed: hand work to the loop from another thread with
// call_soon_threadsafe, which locks and wakes the loop.
#include <concur/event_loop.h>

#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

concur::Task<void> main_task(concur::EventLoop& loop) {
  bool delivered = false;
  std::thread legacy_worker([&loop, &delivered] {
    loop.call_soon_threadsafe([&delivered] { delivered = true; });
  });
  while (!delivered) co_await concur::sleep(10ms);
  legacy_worker.join();
  std::printf("delivered\n");
}

int main() {
  concur::EventLoop loop;
  loop.run(main_task(loop));
}
