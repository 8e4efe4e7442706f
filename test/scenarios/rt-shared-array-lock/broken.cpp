// multiprocessing hazard (Python's Array): worker processes count hits in a
// shared array with a locked load() and a locked store(), but not one lock
// around both. A worker that runs between another's read and write has its
// update overwritten: updates are lost (the yield makes that happen often).
#include <concur/process.h>

#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

constexpr int kWorkers = 4;
constexpr std::size_t kSlots = 4;
constexpr int kRounds = 1000;

void count_hits(concur::SharedArray<long>& hits) {
  for (int round = 0; round < kRounds; ++round) {
    for (std::size_t slot = 0; slot < hits.size(); ++slot) {
      long seen = hits.load(slot);  // locked read
      sched_yield();                // another worker runs here...
      hits.store(slot, seen + 1);   // locked write: ...and its update is lost
    }
  }
}

int main() {
  concur::SharedArray<long> hits(kSlots);  // before fork: every worker shares it
  std::vector<pid_t> workers;
  for (int w = 0; w < kWorkers; ++w) {
    pid_t pid = fork();
    if (pid == 0) {
      count_hits(hits);
      _exit(0);
    }
    workers.push_back(pid);
  }
  for (pid_t pid : workers) waitpid(pid, nullptr, 0);

  long total = 0;
  for (std::size_t slot = 0; slot < hits.size(); ++slot) total += hits.load(slot);
  long expected = long{kWorkers} * kRounds * static_cast<long>(kSlots);
  std::printf("total = %ld, expected %ld: lost %ld updates\n", total, expected, expected - total);
}
