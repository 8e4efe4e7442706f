// concurrent.futures deadlock: each task on a two-worker pool submits a
// sub-task to the same pool and waits for it. Both workers end up waiting
// for sub-tasks that sit in the queue with no worker left to run them. (The
// latch makes the unlucky schedule, both outer tasks running at once, the
// only one.)
#include "std_pool.h"

#include <cstdio>
#include <latch>

int square(int x) { return x * x; }

int main() {
  StdPool pool(2);
  std::latch both_running(2);
  auto sum_of_squares = [&pool, &both_running](int a, int b) {
    both_running.arrive_and_wait();
    auto inner = pool.submit([b] { return square(b); });
    return square(a) + inner.get();
  };
  auto first = pool.submit([&] { return sum_of_squares(1, 2); });
  auto second = pool.submit([&] { return sum_of_squares(3, 4); });
  std::printf("submitted\n");
  std::fflush(stdout);
  std::printf("total %d\n", first.get() + second.get());
}
