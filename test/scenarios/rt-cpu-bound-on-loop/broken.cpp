// asyncio hazard (notes Q4): CPU-bound work run directly in a coroutine
// blocks the loop; no other task runs until it finishes.
#include <concur/event_loop.h>

#include <chrono>
#include <cstdint>
#include <cstdio>

using namespace std::chrono_literals;

// Stands for a CPU-heavy computation that takes `duration` of CPU time.
std::uint64_t crunch(std::chrono::milliseconds duration) {
  std::uint64_t hash = 1469598103934665603ull;
  auto until = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < until)
    for (int i = 0; i < 1000; ++i) hash = (hash ^ static_cast<std::uint64_t>(i)) * 1099511628211ull;
  return hash;
}

concur::Task<void> report() {
  std::uint64_t digest = crunch(150ms);  // runs on the loop thread
  std::printf("digest %s\n", digest != 0 ? "ready" : "zero");
  co_return;
}

int main() { concur::run(report()); }
