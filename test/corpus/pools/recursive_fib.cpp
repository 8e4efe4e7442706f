// Divide and conquer on a fixed pool: each task submits its halves to the
// same pool and waits for them. With enough levels every worker waits.
// (Findings point at the task's call that leads to the wait.)
#include "mini_pool.h"

long fib(MiniPool *pool, int n) {
  if (n < 2)
    return n;
  auto left = pool->submit([pool, n] { return fib(pool, n - 1); }); // expect: concur-pool-self-wait
  long right = fib(pool, n - 2);
  return left.get() + right;
}

long parallel_fib(int n) {
  MiniPool pool(4);
  auto top = pool.submit([&pool, n] { return fib(&pool, n); }); // expect: concur-pool-self-wait
  return top.get();
}
