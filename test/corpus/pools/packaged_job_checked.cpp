// The packaged_task's future is read after the worker is joined: the
// exception reaches the caller.
#include <future>
#include <stdexcept>
#include <thread>

int compute(int x) {
  if (x < 0)
    throw std::domain_error("negative");
  return x * 2;
}

int run_job(int x) {
  std::packaged_task<int(int)> job(compute);
  std::future<int> result = job.get_future();
  std::thread worker(std::move(job), x);
  worker.join();
  return result.get();
}
