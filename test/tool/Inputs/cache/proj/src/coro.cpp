#include "task.h"
#include <unistd.h>
void refresh_cache(); // src/cache.cpp
void log_line();      // src/log.cpp
Task handle_request() {
  log_line();
  refresh_cache();
  co_return;
}
Task pause_briefly() {
  usleep(10);
  co_return;
}
