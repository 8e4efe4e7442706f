// Keeps a window of jobs in flight: the loop waits only for the oldest job
// once the window is full, while the newer ones run.
#include "mini_pool.h"
#include <deque>
#include <string>

std::string process(const std::string &job) { return job + " done"; }

int drain(MiniPool &pool, std::deque<std::string> &jobs) {
  std::deque<std::future<std::string>> in_flight;
  int done = 0;
  while (!jobs.empty()) {
    in_flight.push_back(pool.submit([job = jobs.front()] { return process(job); }));
    jobs.pop_front();
    if (in_flight.size() == 4) {
      in_flight.front().get();
      in_flight.pop_front();
      ++done;
    }
  }
  for (auto &f : in_flight) {
    f.get();
    ++done;
  }
  return done;
}
