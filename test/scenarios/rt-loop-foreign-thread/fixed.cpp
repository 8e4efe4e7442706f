// Fixed: hand work to the loop from another thread with
// call_soon_threadsafe, which locks and wakes the loop.
#include <concur/event_loop.h>
#include <atomic>
#include <cstdio>
#include <functional>
#include <thread>
using namespace std::chrono_literals;

void legacy_worker(concur::EventLoop& loop, std::atomic<bool>& loop_running, bool& delivered) {
  while (!loop_running.load(std::memory_order_relaxed)) std::this_thread::sleep_for(1ms);
  // Thread-safe: queues the callback under the loop's lock and wakes it.
  loop.call_soon_threadsafe([&delivered] { delivered = true; });
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
