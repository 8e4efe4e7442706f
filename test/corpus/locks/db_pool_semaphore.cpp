// A semaphore limits concurrent "DB connections"; the lock guards only the
// bookkeeping, and the slow query runs outside it.
#include <chrono>
#include <mutex>
#include <semaphore>
#include <thread>
#include <vector>

std::counting_semaphore<3> connections(3);
std::mutex stats_mu;
int in_use = 0, peak = 0;

void query() {
  connections.acquire();
  {
    std::lock_guard<std::mutex> g(stats_mu);
    if (++in_use > peak)
      peak = in_use;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  {
    std::lock_guard<std::mutex> g(stats_mu);
    --in_use;
  }
  connections.release();
}

int main() {
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i)
    clients.emplace_back(query);
  for (auto &c : clients)
    c.join();
  return peak <= 3 ? 0 : 1;
}
