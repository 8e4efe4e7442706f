// Fixed: the counter outlives the threads (a std::atomic owned by the
// caller) and the threads are joined before it goes away: std::jthread.
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

int count_hits() {
  std::atomic<int> hits{0};
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 2; ++t)
      threads.emplace_back([&hits] {
        for (int i = 0; i < 1000; ++i)
          ++hits;
      });
  } // jthreads join here, before 'hits' dies
  return hits;
}

int main() { std::printf("hits = %d (expected 2000)\n", count_hits()); }
