// A task calls the pool's synchronous map (and shuts the pool down):
// both wait for the workers on the loop thread.
#include <concur/event_loop.h>
#include <concur/thread_pool.h>
#include <vector>

int square(int x) { return x * x; }

concur::Task<long> sum_of_squares(concur::ThreadPool &pool, std::vector<int> items) {
  auto squares = pool.map(square, items); // expect: concur-blocking-call-in-coroutine
  long sum = 0;
  for (int s : squares)
    sum += s;
  pool.shutdown(); // expect: concur-blocking-call-in-coroutine
  co_return sum;
}
