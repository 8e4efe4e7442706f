// Fixed: hand work to the loop from another thread with
// call_soon_threadsafe, which locks and wakes the loop.
#include <concur/event_loop.h>
#include <concur/sync.h>
#include <cstdio>
#include <functional>
#include <thread>
using namespace std::chrono_literals;

void legacy_worker(concur::EventLoop& loop, concur::Event& loop_started, bool& delivered) {
  loop_started.wait();
  // Thread-safe: queues the callback under the loop's lock and wakes it.
  for (int i = 0; i < 50; ++i, std::this_thread::sleep_for(1ms)) loop.call_soon_threadsafe([&delivered] { delivered = true; });
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
