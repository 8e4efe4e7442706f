// A coroutine starts a worker thread for a CPU-heavy step and joins it:
// the join parks the loop thread until the worker is done.
#include "mini_task.h"
#include <thread>
#include <vector>

static long checksum(const std::vector<int> &data) {
  long sum = 0;
  for (int v : data)
    sum += v;
  return sum;
}

Task<long> verify_upload(std::vector<int> data) {
  long result = 0;
  std::thread worker([&] { result = checksum(data); });
  worker.join(); // expect: concur-blocking-call-in-coroutine
  co_return result;
}

// Look-alike: a plain function may join.
long verify_upload_sync(const std::vector<int> &data) {
  long result = 0;
  std::thread worker([&] { result = checksum(data); });
  worker.join();
  return result;
}
