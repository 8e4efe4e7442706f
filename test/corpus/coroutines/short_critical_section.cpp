// Look-alike: a std::mutex guards a counter for a few instructions, with no
// suspension point and no other blocking call inside; try_lock never waits.
#include "mini_task.h"
#include <mutex>

std::mutex stats_mutex;
long served = 0;

Task<> record_hit() {
  {
    std::lock_guard<std::mutex> guard(stats_mutex);
    ++served;
  }
  if (stats_mutex.try_lock()) {
    served += 0;
    stats_mutex.unlock();
  }
  co_await loop::sleep(1);
}
