#include "stats.h"
#include <thread>
// Both threads reach stats.cpp's counter through handle_locked(), which
// holds handler.cpp's mutex around it: no race.
void serve_handler_locked() {
  std::thread a(handle_locked, 1), b(handle_locked, 2);
  a.join();
  b.join();
}
