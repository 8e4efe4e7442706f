// The notes' daemon thread, in C++: a detached heartbeat keeps appending to a
// global log. main returns, static destructors free the log's buffer, and the
// still-running thread writes into freed memory (AddressSanitizer:
// heap-use-after-free). The slow flush below only widens the window that
// exists in every such program.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

struct SlowFlush {
  ~SlowFlush() { std::this_thread::sleep_for(std::chrono::seconds(2)); }
};
SlowFlush flush_at_exit;           // destroyed after `heartbeats` (declared first)
std::vector<long> heartbeats(64);  // its buffer is freed at exit
std::atomic<bool> started{false};

void beat() {
  for (long n = 0;; ++n) {
    heartbeats[n % 64] = n;
    started = true;
  }
}

int main() {
  std::thread(beat).detach();
  while (!started)
    std::this_thread::yield();
  std::puts("main returns");
  std::fflush(stdout);
}
