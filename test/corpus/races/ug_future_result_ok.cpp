// Look-alike: partial results come back through futures, not shared state.
#include <future>
#include <numeric>
#include <vector>
long partial(const std::vector<int> &v, size_t from, size_t to) {
  return std::accumulate(v.begin() + from, v.begin() + to, 0L);
}
int main() {
  std::vector<int> data(1000, 1);
  auto lo = std::async(std::launch::async, partial, std::cref(data), 0, 500);
  auto hi = std::async(std::launch::async, partial, std::cref(data), 500, 1000);
  return int(lo.get() + hi.get());
}
