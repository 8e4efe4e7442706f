// Look-alike: a detached heartbeat that uses only a static atomic.
#include <atomic>
#include <chrono>
#include <thread>
void start_heartbeat() {
  static std::atomic<long> beats{0};
  std::thread([] {
    for (;;) { beats++; std::this_thread::sleep_for(std::chrono::seconds(1)); }
  }).detach();
}
int main() { start_heartbeat(); }
