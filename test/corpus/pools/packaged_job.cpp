// A packaged_task handed to a thread; its future is kept but never read,
// so an exception thrown by the job disappears.
#include <future>
#include <stdexcept>
#include <thread>

int compute(int x) {
  if (x < 0)
    throw std::domain_error("negative");
  return x * 2;
}

void run_job(int x) {
  std::packaged_task<int(int)> job(compute);
  std::future<int> result = job.get_future(); // expect: concur-discarded-future
  std::thread worker(std::move(job), x);
  worker.join();
}
