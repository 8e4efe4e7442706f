#include "stats.h"
#include <thread>
// The same through the locked counter: no race.
void serve_locked() {
  std::thread a(count_request_locked), b([] { count_request_locked(); });
  a.join();
  b.join();
}
// One thread at a time: no race either.
void serve_sequentially() {
  std::thread a(handle, 1);
  a.join();
  std::thread b(handle, 2);
  b.join();
}
