// Threads created by a factory and moved into a vector that the caller
// joins: ownership moves, nothing is destroyed joinable.
#include <thread>
#include <utility>
#include <vector>

void crunch(int shard) { (void)shard; }

std::thread start_shard(int shard) {
  std::thread t(crunch, shard);
  return t;
}

void run_shards(int n) {
  std::vector<std::thread> running;
  for (int i = 0; i < n; ++i) {
    std::thread t = start_shard(i);
    running.push_back(std::move(t));
  }
  for (auto &t : running)
    t.join();
}
