// The fix: wait on the state, not on the signal. A predicate wait returns
// at once when the config was published before the server started waiting,
// and goes back to sleep on a spurious wake-up.
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
  config_ready.wait(lk, [] { return loaded; });
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
