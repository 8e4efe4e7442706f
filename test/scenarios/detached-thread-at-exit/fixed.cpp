// The heartbeat thread is stopped and joined before main returns, so nothing
// touches `heartbeats` once its destructor runs.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

struct SlowFlush {
  ~SlowFlush() { std::this_thread::sleep_for(std::chrono::seconds(2)); }
};
SlowFlush flush_at_exit;
std::vector<long> heartbeats(64);
std::atomic<bool> started{false};
std::atomic<bool> stopping{false};

void beat() {
  for (long n = 0; !stopping; ++n) {
    heartbeats[n % 64] = n;
    started = true;
  }
}

int main() {
  std::thread heartbeat(beat);
  while (!started)
    std::this_thread::yield();
  stopping = true;
  heartbeat.join();
  std::puts("main returns");
  std::fflush(stdout);
}
