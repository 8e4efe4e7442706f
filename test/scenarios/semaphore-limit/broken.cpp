// A BoundedSemaphore limits concurrent "DB connections" to 3 (Python's
// threading.BoundedSemaphore); a counter of connections in use shows the
// limit. The failing query's error path gives its connection back, and
// then the normal path gives it back again: an over-release. With
// std::counting_semaphore that is undefined behaviour (the limit silently
// grows to 4); concur::BoundedSemaphore refuses the release that overflows.
#include <concur/sync.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <vector>

concur::BoundedSemaphore db_slots(3);
std::atomic<int> in_use{0}, peak{0}, over_releases{0};

void run_query(int id) {
  int now = ++in_use;
  for (int seen = peak.load(); now > seen && !peak.compare_exchange_weak(seen, now);) {
  }
  concur::this_thread::sleep_for(std::chrono::milliseconds(30));
  --in_use;
  if (id == 5)
    throw std::runtime_error("query 5 failed");
}

void client(int id) {
  db_slots.acquire();
  try {
    run_query(id);
  } catch (const std::exception &) {
    db_slots.release(); // give the connection back on error ...
  }
  try {
    db_slots.release(); // ... and again here: twice for query 5
  } catch (const std::logic_error &e) {
    ++over_releases;
    std::printf("client %d: %s\n", id, e.what());
  }
}

int main() {
  std::vector<std::thread> clients;
  for (int id = 0; id < 8; ++id)
    clients.emplace_back(client, id);
  for (std::thread &c : clients)
    c.join();
  std::printf("peak connections within limit 3: %s\n", peak.load() <= 3 ? "yes" : "no");
  std::printf("over-releases refused: %d\n", over_releases.load());
}
