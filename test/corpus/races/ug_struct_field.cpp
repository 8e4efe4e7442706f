// A progress struct shared by all workers, updated without synchronisation.
#include <thread>
#include <vector>
struct Progress {
  int done = 0;
  int failed = 0;
};
Progress progress;
void run_job(int id) {
  if (id % 3 == 0)
    progress.failed++;  // expect: concur-unguarded-shared-state
  progress.done++;  // expect: concur-unguarded-shared-state
}
int main() {
  std::vector<std::thread> pool;
  for (int i = 0; i < 6; ++i) pool.emplace_back(run_job, i);
  for (auto &t : pool) t.join();
  return progress.done;
}
