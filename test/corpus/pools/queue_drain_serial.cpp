// Draining a job queue through a pool, but waiting for each job before
// taking the next one: the pool never runs two jobs at once.
#include "mini_pool.h"
#include <deque>
#include <string>

std::string process(const std::string &job) { return job + " done"; }

int drain(MiniPool &pool, std::deque<std::string> &jobs) {
  int done = 0;
  while (!jobs.empty()) {
    auto result = pool.submit([job = jobs.front()] { return process(job); }); // expect: concur-serialized-submit
    jobs.pop_front();
    result.wait();
    ++done;
  }
  return done;
}
