// asyncio hazard (notes Q5: "asyncio is not thread-safe"): another thread
// calls the loop's call_soon directly, racing with the loop thread on the
// loop's ready queue.
#include <concur/event_loop.h>
#include <concur/sync.h>
#include <cstdio>
#include <functional>
#include <thread>
using namespace std::chrono_literals;

void legacy_worker(concur::EventLoop& loop, concur::Event& loop_started, bool& delivered) {
  loop_started.wait();
  // Not thread-safe: only the loop's own thread may call call_soon.
  for (int i = 0; i < 50; ++i, std::this_thread::sleep_for(1ms)) loop.call_soon([&delivered] { delivered = true; });
}

concur::Task<void> wait_for_delivery(concur::Event& loop_started, bool& delivered) {
  loop_started.set();  // never blocks
  while (!delivered) co_await concur::sleep(10ms);
  std::printf("delivered\n");
}

int main() {
  concur::EventLoop loop;
  concur::Event loop_started;
  bool delivered = false;  // read and written on the loop thread only
  std::jthread worker(legacy_worker, std::ref(loop), std::ref(loop_started),
                      std::ref(delivered));
  loop.run(wait_for_delivery(loop_started, delivered));
}
