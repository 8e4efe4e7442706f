// A request handler coroutine that sleeps the loop thread between retries.
#include "mini_task.h"
#include <chrono>
#include <thread>

bool try_send();

Task<bool> send_with_retry() {
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (try_send())
      co_return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // expect: concur-blocking-call-in-coroutine
  }
  co_return false;
}
