// The pool outlives the loop; each batch only enqueues work.
#include "mini_pool.h"
#include <string>
#include <vector>

std::string render(int id) { return "page " + std::to_string(id); }
bool next_batch(std::vector<int> &ids) { return !ids.empty(); }

void serve_forever() {
  BS::thread_pool pool(8);
  std::vector<int> ids{1, 2, 3};
  while (next_batch(ids)) {
    for (int id : ids)
      pool.detach_task([id] { render(id); });
    pool.wait();
    ids.pop_back();
  }
}
