#include "stats.h"
long requests = 0;
std::mutex stats_mu;
void count_request() { ++requests; }
void count_request_locked() {
  std::lock_guard<std::mutex> g(stats_mu);
  ++requests;
}
