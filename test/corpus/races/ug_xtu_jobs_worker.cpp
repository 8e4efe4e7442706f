// The worker half of ug_xtu_jobs_runner.cpp's program.
#include "ug_xtu_jobs.h"

long jobs_done = 0;

static void finish_job() {
  ++jobs_done;  // expect: concur-unguarded-shared-state
}

void process_jobs(int batch) {
  for (int i = 0; i < batch * 10; ++i)
    finish_job();
}
