// std::async tasks add their partial sums into one global.
#include <future>
#include <vector>
long grand_total = 0;
void add_range(int from, int to) {
  long s = 0;
  for (int i = from; i < to; ++i) s += i;
  grand_total += s;  // expect: concur-unguarded-shared-state
}
int main() {
  auto a = std::async(std::launch::async, add_range, 0, 500);
  auto b = std::async(std::launch::async, add_range, 500, 1000);
  a.get();
  b.get();
  return grand_total > 0;
}
