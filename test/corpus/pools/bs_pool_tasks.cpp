// BS::thread_pool: submit_task returns a future, detach_task does not.
// Dropping submit_task's future loses a failure of the task.
#include "mini_pool.h"
#include <string>
#include <vector>

void resize_image(const std::string &path) {
  if (path.empty())
    throw std::invalid_argument("empty path");
}

void resize_all(BS::thread_pool &pool, const std::vector<std::string> &paths) {
  for (const auto &p : paths)
    pool.submit_task([p] { resize_image(p); }); // expect: concur-discarded-future
  pool.wait();
}
