// A server loop that builds a fresh pool for each batch of requests.
#include "mini_pool.h"
#include <string>
#include <vector>

std::string render(int id) { return "page " + std::to_string(id); }
bool next_batch(std::vector<int> &ids) { return !ids.empty(); }

void serve_forever() {
  std::vector<int> ids{1, 2, 3};
  while (next_batch(ids)) {
    BS::thread_pool pool(8); // expect: concur-pool-in-loop
    for (int id : ids)
      pool.detach_task([id] { render(id); });
    pool.wait();
    ids.pop_back();
  }
}
