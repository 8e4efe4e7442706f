// The fix: a SemaphoreGuard holds the connection for the scope and gives it
// back exactly once, on the error path too.
#include <concur/sync.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <vector>

concur::BoundedSemaphore db_slots(3);
std::atomic<int> in_use{0}, peak{0}, failures{0};

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
  concur::SemaphoreGuard slot(db_slots);
  try {
    run_query(id);
  } catch (const std::exception &) {
    ++failures;
  }
}

int main() {
  std::vector<std::thread> clients;
  for (int id = 0; id < 8; ++id)
    clients.emplace_back(client, id);
  for (std::thread &c : clients)
    c.join();
  std::printf("peak connections within limit 3: %s\n", peak.load() <= 3 ? "yes" : "no");
  std::printf("failed queries: %d, connections available: %td\n", failures.load(),
              db_slots.available());
}
