#include "settings.h"
#include <mutex>
#include <thread>
// The same workers, but each reloads the settings under init_mu on every
// call: no flag makes it once, so the reload races with the reads.
std::mutex init_mu;
int serve() {
  {
    std::lock_guard<std::mutex> g(init_mu);
    load_settings();
  }
  return mode;
}
int main() {
  std::thread a(serve), b(serve);
  a.join();
  b.join();
}
