// A task on a long-lived pool fills a local vector nobody waits for.
#include "mini_pool.h"
#include <vector>
void prefetch(BS::thread_pool &pool, int n) {
  std::vector<int> pages(n);
  pool.detach_task([&pages] {  // expect: concur-thread-captures-local
    for (auto &p : pages) p = 1;
  });
}
int main() {
  BS::thread_pool pool(2);
  prefetch(pool, 8);
  pool.wait();
}
