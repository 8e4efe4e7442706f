#include "stats.h"
// Counting only in debug builds: kDebugCounting is false in this build, so
// the call into stats.cpp is dead code.
constexpr bool kDebugCounting = false;
static void maybe_count() {
  if (kDebugCounting)
    count_request();
}
void handle_debug(int id) {
  if (id >= 0)
    maybe_count();
}
