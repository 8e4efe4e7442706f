// A local captured by reference and updated from every thread.
#include <thread>
#include <vector>
int main() {
  int total = 0;
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&total] { total += 1; });  // expect: concur-unguarded-shared-state
  for (auto &t : ts) t.join();
  return total;
}
