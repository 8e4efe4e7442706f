// A bare wait inside a loop that re-checks the queue is the classic form.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

std::mutex queue_mu;
std::condition_variable queue_cv;
std::deque<int> queue;
bool closing = false;

void worker() {
  for (;;) {
    std::unique_lock<std::mutex> lk(queue_mu);
    while (queue.empty() && !closing)
      queue_cv.wait(lk);
    if (queue.empty())
      return;
    queue.pop_front();
  }
}

int main() {
  std::thread t(worker);
  {
    std::lock_guard<std::mutex> g(queue_mu);
    queue.push_back(1);
    closing = true;
  }
  queue_cv.notify_all();
  t.join();
}
