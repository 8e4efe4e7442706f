// Look-alike: tasks are created in a loop, kept in a vector and awaited one
// by one; a task kept in a member is awaited by another method; a task
// returned to the caller is the caller's to await.
#include "mini_task.h"
#include <vector>

Task<int> fetch_shard(int shard);

Task<int> fetch_all(int shards) {
  std::vector<Task<int>> pending;
  for (int s = 0; s < shards; ++s)
    pending.push_back(fetch_shard(s));
  int total = 0;
  for (auto &t : pending)
    total += co_await t;
  co_return total;
}

class Prefetcher {
public:
  void start(int shard) { next_ = fetch_shard(shard); }
  Task<int> take() { co_return co_await next_; }

private:
  Task<int> next_;
};

Task<int> first_shard() { return fetch_shard(0); }
