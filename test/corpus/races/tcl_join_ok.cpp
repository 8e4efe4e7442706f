// Look-alike: a local captured by reference by a thread joined before return.
#include <thread>
#include <vector>
long checksum(const std::vector<int> &data) {
  long left = 0, right = 0;
  size_t mid = data.size() / 2;
  std::thread t([&] { for (size_t i = 0; i < mid; ++i) left += data[i]; });
  for (size_t i = mid; i < data.size(); ++i) right += data[i];
  t.join();
  return left + right;
}
int main() { return int(checksum({1, 2, 3, 4})); }
