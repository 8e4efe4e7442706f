// A generator that yields buffered log lines while holding the buffer's
// lock: the consumer runs arbitrary code between items with the lock held,
// and the writer thread stalls on it.
#include "coro_kinds.h"
#include <mutex>
#include <vector>

std::mutex buffer_mutex;
std::vector<int> buffered_levels;

Numbers drain_levels() {
  std::lock_guard<std::mutex> lock(buffer_mutex);
  for (int level : buffered_levels)
    co_yield level; // expect: concur-lock-across-suspension
  buffered_levels.clear();
}

// Look-alike: copy under the lock, yield from the copy.
Numbers drain_levels_snapshot() {
  std::vector<int> snapshot;
  {
    std::lock_guard<std::mutex> lock(buffer_mutex);
    snapshot.swap(buffered_levels);
  }
  for (int level : snapshot)
    co_yield level;
}

void writer(int level) {
  std::lock_guard<std::mutex> lock(buffer_mutex);
  buffered_levels.push_back(level);
}
