// A retry loop that breaks out while holding the hand-taken lock.
#include <mutex>
#include <vector>

std::mutex jobs_mu;
std::vector<int> jobs;

int drain(int limit) {
  int done = 0;
  for (int attempt = 0; attempt < limit; ++attempt) {
    jobs_mu.lock();  // expect: concur-manual-lock-unlock
    if (jobs.empty())
      break;
    jobs.pop_back();
    ++done;
    jobs_mu.unlock();
  }
  return done;
}

int main() {
  jobs = {1, 2, 3};
  return drain(5);
}
