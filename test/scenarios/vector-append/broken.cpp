// Hazard (notes, "threads share the same memory space"): several threads
// push_back into one std::vector. push_back may reallocate while another
// thread writes: lost elements, a corrupted heap, or a crash.
#include <cstdio>
#include <thread>
#include <vector>

std::vector<int> results;

void produce(int base) {
  for (int i = 0; i < 1000; ++i)
    results.push_back(base + i); // unguarded container mutation
}

int main() {
  std::thread a(produce, 0), b(produce, 1000);
  a.join();
  b.join();
  std::printf("results = %zu (expected 2000)\n", results.size());
}
