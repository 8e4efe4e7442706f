// Fixed (notes Q4): run the CPU-bound part in an executor and await it;
// the loop stays free for other tasks meanwhile.
#include <concur/event_loop.h>

#include <chrono>
#include <cstdint>
#include <cstdio>

using namespace std::chrono_literals;

std::uint64_t crunch(std::chrono::milliseconds duration) {
  std::uint64_t hash = 1469598103934665603ull;
  auto until = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < until)
    for (int i = 0; i < 1000; ++i) hash = (hash ^ static_cast<std::uint64_t>(i)) * 1099511628211ull;
  return hash;
}

concur::Task<void> report(concur::ThreadPool& pool) {
  std::uint64_t digest = co_await concur::run_in_executor(pool, [] { return crunch(150ms); });
  std::printf("digest %s\n", digest != 0 ? "ready" : "zero");
}

int main() {
  concur::ThreadPool pool(1);
  concur::run(report(pool));
}
