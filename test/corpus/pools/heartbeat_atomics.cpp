// A detached heartbeat that only touches atomics and plain integers: nothing
// it uses has a destructor, so exit cannot pull memory from under it.
#include <atomic>
#include <chrono>
#include <thread>

std::atomic<long> beats{0};
std::atomic<bool> healthy{true};
int interval_ms = 100;

void start_heartbeat() {
  std::thread([] {
    while (healthy) {
      ++beats;
      std::this_thread::sleep_for(std::chrono::milliseconds(interval_ms));
    }
  }).detach();
}
