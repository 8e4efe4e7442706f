// Two 300 ms jobs started with std::async whose futures are discarded: each
// temporary's destructor waits, so the jobs run one after the other.
#include <chrono>
#include <cstdio>
#include <future>
#include <thread>

void job() { std::this_thread::sleep_for(std::chrono::milliseconds(300)); }

int main() {
  auto start = std::chrono::steady_clock::now();
  std::async(std::launch::async, job);
  std::async(std::launch::async, job);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - start).count();
  std::printf("%s (%lld ms for two 300 ms jobs)\n", ms >= 550 ? "sequential" : "concurrent",
              static_cast<long long>(ms));
}
