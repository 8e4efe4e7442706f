// A coroutine starts a worker and then joins it on the loop thread.
#include "mini_task.h"
#include <thread>

void work() {}

Task<> run_job() {
  std::thread worker(work);
  co_await loop::sleep(1);
  worker.join(); // expect: concur-blocking-call-in-coroutine
}

Task<> run_detached() {
  std::jthread worker([] { work(); }); // the destructor joins: not a call the catalog sees
  worker.detach();
  co_await loop::sleep(1);
}
