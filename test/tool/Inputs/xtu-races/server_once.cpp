#include "settings.h"
#include <atomic>
#include <mutex>
#include <thread>
// Each worker makes sure the settings are loaded, once, under init_mu, then
// reads them: the load is set-up, not a race with the readers.
std::mutex init_mu;
std::atomic<bool> loaded{false};
void ensure_loaded() {
  std::lock_guard<std::mutex> g(init_mu);
  if (!loaded) {
    load_settings();
    loaded = true;
  }
}
int serve() {
  ensure_loaded();
  return mode;
}
int main() {
  std::thread a(serve), b(serve);
  a.join();
  b.join();
}
