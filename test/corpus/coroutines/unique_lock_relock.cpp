// Look-alike: a batching writer drops its unique_lock while it awaits the
// flush and takes it again afterwards.
#include "mini_task.h"
#include <mutex>
#include <vector>

std::mutex batch_mutex;
std::vector<int> batch;

Task<> flush(std::vector<int> items);

Task<> add_and_maybe_flush(int item) {
  std::unique_lock<std::mutex> lock(batch_mutex);
  batch.push_back(item);
  if (batch.size() < 64)
    co_return;
  std::vector<int> full;
  full.swap(batch);
  lock.unlock();
  co_await flush(std::move(full));
  lock.lock();
  if (batch.empty())
    batch.reserve(64);
}
