// Look-alike: threads emplaced into a local vector and joined in a loop.
#include <thread>
#include <vector>
int main() {
  std::vector<long> partial(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&partial, t] { partial[t] = t * 100; });
  for (auto &th : threads) th.join();
  return int(partial[3]);
}
