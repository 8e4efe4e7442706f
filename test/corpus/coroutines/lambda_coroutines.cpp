// Coroutine lambdas: one sleeps the loop thread; the plain lambda next to
// it may block since it runs on its own thread; a coroutine lambda's task
// kept in a local is awaited.
#include "mini_task.h"
#include <chrono>
#include <thread>

using namespace std::chrono_literals;

void start() {
  auto poll_status = []() -> Task<> {
    std::this_thread::sleep_for(50ms); // expect: concur-blocking-call-in-coroutine
    co_return;
  };
  auto background = [] { std::this_thread::sleep_for(50ms); };
  std::thread(background).detach();
  auto driver = [&]() -> Task<> {
    auto step = poll_status();
    co_await step;
  };
  auto t = driver(); // expect: concur-unawaited-coroutine
}
