// A hand-off through a condition variable (Python's threading.Event): the
// loader publishes the config and notifies; the server waits for it. The
// server's wait has no predicate, so when the notify comes before the
// server starts waiting (here the server is slow to start), the wake-up is
// lost and the server sleeps forever.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex config_mu;
std::condition_variable config_ready;
bool loaded = false;
int port = 0;

void server() {
  std::this_thread::sleep_for(std::chrono::milliseconds(200)); // slow start
  std::unique_lock<std::mutex> lk(config_mu);
  config_ready.wait(lk);
  std::printf("serving on port %d\n", port);
}

int main() {
  std::thread t(server);
  {
    std::lock_guard<std::mutex> g(config_mu);
    port = 8080;
    loaded = true;
  }
  config_ready.notify_one();
  std::printf("config published\n");
  std::fflush(stdout);
  t.join();
}
