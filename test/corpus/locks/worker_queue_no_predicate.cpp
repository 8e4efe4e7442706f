// A worker waits for jobs with a bare wait(): a spurious wake-up pops from
// an empty queue, and a job pushed before the wait is never noticed.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

std::mutex queue_mu;
std::condition_variable queue_cv;
std::deque<int> queue;

void worker() {
  std::unique_lock<std::mutex> lk(queue_mu);
  queue_cv.wait(lk);  // expect: concur-wait-without-predicate
  int job = queue.front();
  queue.pop_front();
  (void)job;
}

int main() {
  std::thread t(worker);
  {
    std::lock_guard<std::mutex> g(queue_mu);
    queue.push_back(42);
  }
  queue_cv.notify_one();
  t.join();
}
