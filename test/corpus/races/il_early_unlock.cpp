// A job queue that unlocks early to notify, then updates a counter.
#include <condition_variable>
#include <deque>
#include <mutex>
class JobQueue {
public:
  void push(int job) {
    std::unique_lock<std::mutex> lk(mu_);
    jobs_.push_back(job);
    lk.unlock();
    cv_.notify_one();
    ++pushed_;  // expect: concur-inconsistent-locking
  }
  int pop() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return !jobs_.empty(); });
    int j = jobs_.front();
    jobs_.pop_front();
    ++popped_;
    return j;
  }
  void clear_stats() {
    std::lock_guard<std::mutex> g(mu_);
    pushed_ = 0;
    popped_ = 0;
  }
private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> jobs_;
  long pushed_ = 0;
  long popped_ = 0;
};
int main() {
  JobQueue q;
  q.push(1);
  return q.pop();
}
