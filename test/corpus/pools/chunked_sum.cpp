// Chunks of a big vector summed on the runtime pool, but each chunk's
// result is collected before the next chunk is submitted.
#include "concur/thread_pool.h"
#include <numeric>
#include <vector>

long sum_range(const std::vector<long> &v, size_t lo, size_t hi) {
  return std::accumulate(v.begin() + lo, v.begin() + hi, 0L);
}

long parallel_sum(concur::ThreadPool &pool, const std::vector<long> &v) {
  long total = 0;
  const size_t chunk = 1024;
  for (size_t lo = 0; lo < v.size(); lo += chunk) {
    size_t hi = std::min(v.size(), lo + chunk);
    total += pool.submit([&v, lo, hi] { return sum_range(v, lo, hi); }).get(); // expect: concur-serialized-submit
  }
  return total;
}
