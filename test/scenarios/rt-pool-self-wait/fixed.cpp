// Fixed: inner work goes to a separate pool, so waiting on it never takes
// a worker away from the pool that has to run it.
#include <concur/thread_pool.h>

#include <cstdio>

int square(int x) { return x * x; }

int main() {
  concur::ThreadPool inner_pool(1);
  concur::ThreadPool executor(1);
  concur::Future<int> outer = executor.submit([&inner_pool] {
    concur::Future<int> inner = inner_pool.submit([] { return square(7); });
    return inner.get() + 1;
  });
  std::printf("result %d\n", outer.get());
}
