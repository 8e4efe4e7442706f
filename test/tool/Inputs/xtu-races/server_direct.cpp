#include "stats.h"
#include <thread>
// One thread counts here, the other in stats.cpp: neither file alone sees both.
static long requests_here = 0; // a different variable, only this file's
void serve_direct() {
  std::thread a([] { ++requests; ++requests_here; });
  std::thread b(count_request);
  a.join();
  b.join();
}
