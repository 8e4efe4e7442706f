// The stats half of xtu_jobs_queue.cpp's program: reads the queue length
// after releasing stats_mu, not while holding it.
#include "xtu_jobs_queue.h"

int queue_length(); // xtu_jobs_queue.cpp: takes jobs_mu

std::mutex stats_mu;
static long enqueued = 0;

void record_enqueue() {
  std::lock_guard<std::mutex> g(stats_mu);
  ++enqueued;
}

long report() {
  long total;
  {
    std::lock_guard<std::mutex> g(stats_mu);
    total = enqueued;
  }
  return total + queue_length();
}
