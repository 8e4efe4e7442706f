// A coroutine that collects results computed by std::async: one loop polls
// with wait_for(0s) and yields to the loop (fine), the other calls get()
// without checking (blocks the loop until the computation ends).
#include "mini_task.h"
#include <chrono>
#include <future>
#include <vector>

using namespace std::chrono_literals;

Task<int> collect_polling(std::vector<std::future<int>> &pending) {
  int total = 0;
  for (auto &f : pending) {
    while (f.wait_for(0s) != std::future_status::ready)
      co_await loop::sleep(1);
    total += f.get();
  }
  co_return total;
}

Task<int> collect_blocking(std::vector<std::future<int>> &pending) {
  int total = 0;
  for (auto &f : pending)
    total += f.get(); // expect: concur-blocking-call-in-coroutine
  co_await loop::sleep(1);
  co_return total;
}

Task<int> first_ready(std::future<int> &a, std::future<int> &b) {
  if (a.wait_for(0s) == std::future_status::ready)
    co_return a.get();
  auto status = b.wait_for(0s);
  if (status == std::future_status::ready)
    co_return b.get();
  co_return a.get(); // expect: concur-blocking-call-in-coroutine
}
