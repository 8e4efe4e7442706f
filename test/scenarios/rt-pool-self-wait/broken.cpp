// concurrent.futures hazard: a task waits for a future of its own pool.
// With one worker (max_workers=1) nobody is left to run the inner task: a
// plain executor deadlocks. concur reports it and runs the task inline.
#include <concur/thread_pool.h>

#include <cstdio>

int square(int x) { return x * x; }

int main() {
  concur::ThreadPool executor(1);
  concur::Future<int> outer = executor.submit([&executor] {
    concur::Future<int> inner = executor.submit([] { return square(7); });
    return inner.get() + 1;  // waits on its own pool
  });
  std::printf("result %d\n", outer.get());
}
