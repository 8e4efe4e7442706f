#include "stats.h"
// The count happens under this file's own mutex, taken one call before the
// call into stats.cpp.
static std::mutex handler_mu;
static void count_under_handler_lock() {
  std::lock_guard<std::mutex> g(handler_mu);
  count_request();
}
void handle_locked(int id) {
  if (id >= 0)
    count_under_handler_lock();
}
