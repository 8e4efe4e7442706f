// Look-alike: tasks fill a local vector and the pool is drained before return.
#include "mini_pool.h"
#include <vector>
std::vector<int> squares(BS::thread_pool &pool, int n) {
  std::vector<int> out(n);
  for (int i = 0; i < n; ++i)
    pool.detach_task([&out, i] { out[i] = i * i; });
  pool.wait();
  return out;
}
int main() {
  BS::thread_pool pool(4);
  return squares(pool, 5)[2];
}
