// asyncio hazard (notes Q5: "asyncio is not thread-safe"): another thread
// calls the loop's call_soon directly, racing with the loop thread on the
// loop's ready queue.
#include <concur/event_loop.h>
#include <atomic>
#include <cstdio>
#include <functional>
#include <thread>
using namespace std::chrono_literals;

void legacy_worker(concur::EventLoop& loop, std::atomic<bool>& loop_running, bool& delivered) {
  while (!loop_running.load(std::memory_order_relaxed)) std::this_thread::sleep_for(1ms);
  // Not thread-safe: only the loop's own thread may call call_soon.
  loop.call_soon([&delivered] { delivered = true; });
}

concur::Task<void> wait_for_delivery(std::atomic<bool>& loop_running, bool& delivered) {
  // Relaxed: the flag only tells the worker when to call; it orders nothing
  // between the two threads.
  loop_running.store(true, std::memory_order_relaxed);
  for (int polls = 0; !delivered && polls < 500; ++polls) co_await concur::sleep(10ms);  // gives up after 5 s
  std::puts(delivered ? "delivered" : "callback lost");
}

int main() {
  concur::EventLoop loop;
  std::atomic<bool> loop_running{false};
  bool delivered = false;  // read and written on the loop thread only
  std::jthread worker(legacy_worker, std::ref(loop), std::ref(loop_running),
                      std::ref(delivered));
  loop.run(wait_for_delivery(loop_running, delivered));
}
