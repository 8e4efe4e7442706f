// A shared retry helper written for synchronous code sleeps between
// attempts; a coroutine reuses it, and the sleep stalls the loop.
#include "mini_task.h"
#include <chrono>
#include <functional>
#include <thread>

using namespace std::chrono_literals;

static bool with_retries(const std::function<bool()> &attempt, int tries) {
  for (int i = 0; i < tries; ++i) {
    if (attempt())
      return true;
    std::this_thread::sleep_for(200ms);
  }
  return false;
}

static bool publish_once(int) { return false; }

static bool publish(int event) {
  return with_retries([event] { return publish_once(event); }, 3);
}

Task<> on_order_placed(int order) {
  co_await loop::sleep(0);
  publish(order); // expect: concur-blocking-call-in-coroutine
}

// Look-alike: the synchronous caller may sleep.
void nightly_batch(int event) { publish(event); }
