// Look-alike: std::async's future kept in a local: its destructor waits.
#include <future>
#include <vector>
void double_all(std::vector<int> &v) {
  int touched = 0;
  auto f = std::async(std::launch::async, [&v, &touched] {
    for (auto &x : v) { x *= 2; ++touched; }
  });
}
int main() {
  std::vector<int> v{1, 2};
  double_all(v);
  return v[0];
}
