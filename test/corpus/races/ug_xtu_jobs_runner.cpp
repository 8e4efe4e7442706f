// Runs the job processor of ug_xtu_jobs_worker.cpp on two threads; the
// processor counts finished jobs in a plain global: a race neither file
// shows alone.
#include "ug_xtu_jobs.h"
#include <thread>

int main() {
  std::thread first(process_jobs, 1), second(process_jobs, 2);
  first.join();
  second.join();
  return jobs_done > 0 ? 0 : 1;
}
