// Look-alike of xtu_sessions_*: the queue calls into the stats file while
// it holds jobs_mu, and the stats file never calls back under stats_mu,
// so every path takes jobs_mu before stats_mu.
#include "xtu_jobs_queue.h"

std::mutex jobs_mu;
static int queued = 0;

void enqueue() {
  std::lock_guard<std::mutex> g(jobs_mu);
  ++queued;
  record_enqueue();
}

int queue_length() {
  std::lock_guard<std::mutex> g(jobs_mu);
  return queued;
}
