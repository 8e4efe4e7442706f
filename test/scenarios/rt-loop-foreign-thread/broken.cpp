// asyncio hazard (notes Q5: "asyncio is not thread-safe"): another thread
// calls the loop's call_soon directly, racing with the loop thread on the
// loop's ready queue.
#include <concur/event_loop.h>

#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

concur::Task<void> main_task(concur::EventLoop& loop) {
  bool delivered = false;
  std::thread legacy_worker([&loop, &delivered] {
    loop.call_soon([&delivered] { delivered = true; });  // not thread-safe
  });
  while (!delivered) co_await concur::sleep(10ms);
  legacy_worker.join();
  std::printf("delivered\n");
}

int main() {
  concur::EventLoop loop;
  loop.run(main_task(loop));
}
