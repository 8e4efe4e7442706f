// A reloader waits for the "config changed" condition while still holding
// the stats lock: everyone reporting stats stalls until the next change.
#include <condition_variable>
#include <mutex>
#include <thread>

std::mutex stats_mu, config_mu;
std::condition_variable config_changed;
int reloads = 0, version = 0, seen = 0;

void reloader() {
  std::lock_guard<std::mutex> s(stats_mu);
  std::unique_lock<std::mutex> c(config_mu);
  config_changed.wait(c, [] { return version != seen; });  // expect: concur-blocking-call-under-lock
  seen = version;
  ++reloads;
}

int report() {
  std::lock_guard<std::mutex> s(stats_mu);
  return reloads;
}

int main() {
  std::thread r(reloader);
  {
    std::lock_guard<std::mutex> c(config_mu);
    ++version;
  }
  config_changed.notify_all();
  r.join();
  return report();
}
