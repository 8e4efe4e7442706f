// The cache half of ug_xtu_cache_runner.cpp's program.
#include "ug_xtu_jobs.h"

long cache_hits = 0;
std::mutex cache_mu;

void serve_from_cache(int key) {
  std::lock_guard<std::mutex> g(cache_mu);
  if (key >= 0)
    ++cache_hits;
}
