// Tasks that wait on their own pool, and look-alikes that do not.
#include "concur/thread_pool.h"

int leaf(int x) { return x + 1; }

int tree_sum(concur::ThreadPool &pool, int depth) {
  auto root = pool.submit([&pool, depth] {
    auto left = pool.submit([depth] { return leaf(depth); });
    return left.get() * 2; // expect: concur-pool-self-wait
  });
  return root.get();
}

struct Crawler {
  concur::ThreadPool workers_{4};
  concur::ThreadPool io_{2};
  int fetch(int page) { return io_.submit([page] { return leaf(page); }).get(); }
  int expand(int page) { return workers_.submit([page] { return leaf(page); }).get(); }
  int crawl(int page) {
    auto a = workers_.submit([this, page] { return fetch(page); });     // other pool: fine
    auto b = workers_.submit([this, page] { return expand(page); });    // expect: concur-pool-self-wait
    return a.get() + b.get();
  }
};

int fan_out(concur::ThreadPool &pool) {
  auto a = pool.submit([] { return leaf(1); });
  auto b = pool.submit([] { return leaf(2); });
  return a.get() + b.get(); // the caller waits, not a task
}
