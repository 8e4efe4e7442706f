// The top level splits the work; tasks compute sequentially and only the
// caller waits.
#include "mini_pool.h"
#include <vector>

long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

long sum_fibs(MiniPool &pool, const std::vector<int> &ns) {
  std::vector<std::future<long>> parts;
  for (int n : ns)
    parts.push_back(pool.submit([n] { return fib(n); }));
  long total = 0;
  for (auto &p : parts)
    total += p.get();
  return total;
}
