// Fire-and-forget with BS::thread_pool's detach_task, errors handled inside
// the task, and wait() before returning.
#include "mini_pool.h"
#include <atomic>
#include <string>
#include <vector>

std::atomic<int> failures{0};

void resize_image(const std::string &path) {
  if (path.empty())
    throw std::invalid_argument("empty path");
}

int resize_all(BS::thread_pool &pool, const std::vector<std::string> &paths) {
  for (const auto &p : paths)
    pool.detach_task([p] {
      try {
        resize_image(p);
      } catch (...) {
        ++failures;
      }
    });
  pool.wait();
  return failures;
}
