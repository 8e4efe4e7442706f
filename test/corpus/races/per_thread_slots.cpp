// Look-alike: each thread writes its own slot, combined after join.
#include <thread>
#include <vector>
int main() {
  std::vector<long> partial(4);
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&partial, i] { for (int k = 0; k < 100; ++k) partial[i] += k; });
  for (auto &t : ts) t.join();
  long sum = 0;
  for (long p : partial) sum += p;
  return (int)sum;
}
