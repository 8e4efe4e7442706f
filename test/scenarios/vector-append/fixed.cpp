// Fixed: each thread fills its own vector; main merges them after the joins
// (per-thread data instead of a shared container).
#include <cstdio>
#include <thread>
#include <vector>

void produce(std::vector<int> &out, int base) {
  for (int i = 0; i < 1000; ++i)
    out.push_back(base + i);
}

int main() {
  std::vector<int> part_a, part_b;
  std::thread a(produce, std::ref(part_a), 0), b(produce, std::ref(part_b), 1000);
  a.join();
  b.join();
  std::vector<int> results(part_a);
  results.insert(results.end(), part_b.begin(), part_b.end());
  std::printf("results = %zu (expected 2000)\n", results.size());
}
