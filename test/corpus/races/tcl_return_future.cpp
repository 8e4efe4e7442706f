// A task that reads a local of the function that returns its future.
#include <future>
#include <vector>
std::future<long> sum_async(int n) {
  std::vector<int> values(n, 1);
  return std::async(std::launch::async, [&values] {  // expect: concur-thread-captures-local
    long s = 0;
    for (int v : values) s += v;
    return s;
  });
}
int main() { return int(sum_async(10).get()); }
