// A coroutine waits on a condition variable and a latch for worker threads:
// both park the loop thread.
#include "mini_task.h"
#include <condition_variable>
#include <latch>
#include <mutex>
#include <semaphore>

std::mutex m;
std::condition_variable cv;
bool ready = false;
std::counting_semaphore<4> slots(4);

Task<> wait_for_workers(std::latch &started) {
  started.wait(); // expect: concur-blocking-call-in-coroutine
  std::unique_lock<std::mutex> lock(m);
  cv.wait(lock, [] { return ready; }); // expect: concur-blocking-call-in-coroutine
  co_return;
}

Task<bool> take_slot() {
  if (slots.try_acquire()) // never waits
    co_return true;
  slots.acquire(); // expect: concur-blocking-call-in-coroutine
  co_return true;
}
