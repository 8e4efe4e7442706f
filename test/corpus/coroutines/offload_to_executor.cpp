// Look-alike: blocking work is handed to a thread pool with
// run_in_executor and awaited; the coroutine itself only awaits.
#include <concur/event_loop.h>
#include <concur/thread_pool.h>
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

int crunch(int n) {
  std::this_thread::sleep_for(10ms); // runs on a pool worker
  return n * n;
}

concur::Task<int> compute(concur::ThreadPool &pool, int n) {
  int a = co_await concur::run_in_executor(pool, [n] { return crunch(n); });
  co_await concur::sleep(5ms);
  co_return a;
}
