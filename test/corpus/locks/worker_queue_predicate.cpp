// The fix: wait with a predicate over the queue, pushed under the lock.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

std::mutex queue_mu;
std::condition_variable queue_cv;
std::deque<int> queue;

void worker() {
  std::unique_lock<std::mutex> lk(queue_mu);
  queue_cv.wait(lk, [] { return !queue.empty(); });
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
