#include "stats.h"
static void log_and_count() { count_request(); }
void handle(int id) {
  if (id >= 0)
    log_and_count();
}
