// Look-alike: a periodic compaction task that skips a round when the index
// is busy (try_lock), and yields to the loop only after unlocking.
#include "mini_task.h"
#include <mutex>

std::mutex index_mutex;
int segments = 0;

Task<> compact_periodically() {
  for (int round = 0; round < 100; ++round) {
    if (index_mutex.try_lock()) {
      if (segments > 4)
        segments = 1;
      index_mutex.unlock();
    }
    co_await loop::sleep(1000);
  }
}
