// Look-alike of ug_xtu_jobs_*: two threads serve from the cache of
// ug_xtu_cache_worker.cpp, which counts hits under cache_mu.
#include "ug_xtu_jobs.h"
#include <thread>

int main() {
  std::thread a(serve_from_cache, 1), b([] { serve_from_cache(2); });
  a.join();
  b.join();
  std::lock_guard<std::mutex> g(cache_mu);
  return cache_hits == 2 ? 0 : 1;
}
