// Fix: the C++ form of `with lock: shared_counter += 1` is a scoped lock on
// a mutex that guards the counter (std::atomic<int> would do as well).
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

std::mutex counter_mutex;
int shared_counter = 0; // guarded by counter_mutex

void increment(int times) {
  for (int i = 0; i < times; ++i) {
    std::lock_guard<std::mutex> lock(counter_mutex);
    ++shared_counter;
  }
}

int main() {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back(increment, 10000);
  for (std::thread &t : threads)
    t.join();
  std::printf("counter = %d (expected 40000)\n", shared_counter);
}
