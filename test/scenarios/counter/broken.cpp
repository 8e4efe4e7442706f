// Hazard (notes, "Synchronization Primitives"): several threads increment a
// shared counter with no lock. `++counter` is a read-modify-write; two
// threads can read the same value and one increment is lost.
#include <cstdio>
#include <thread>
#include <vector>

int shared_counter = 0;

void increment(int times) {
  for (int i = 0; i < times; ++i)
    ++shared_counter; // unguarded read-modify-write
}

int main() {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back(increment, 10000);
  for (std::thread &t : threads)
    t.join();
  std::printf("counter = %d (expected 40000)\n", shared_counter);
}
