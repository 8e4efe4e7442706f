#include "stats.h"
#include <thread>
// One thread counts under stats_mu, the other through handle() without it.
void serve_mixed() {
  std::thread a([] { count_request_locked(); });
  std::thread b(handle, 3);
  a.join();
  b.join();
}
