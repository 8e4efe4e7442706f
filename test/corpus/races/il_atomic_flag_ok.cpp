// Look-alike: a queue under a lock with a stop flag that is std::atomic.
#include <atomic>
#include <mutex>
#include <queue>
class Worker {
public:
  void post(int task) {
    std::lock_guard<std::mutex> g(mu_);
    tasks_.push(task);
  }
  void stop() { stopped_ = true; }
  bool stopped() const { return stopped_; }
  bool next(int &task) {
    std::lock_guard<std::mutex> g(mu_);
    if (tasks_.empty()) return false;
    task = tasks_.front();
    tasks_.pop();
    return true;
  }
private:
  std::mutex mu_;
  std::queue<int> tasks_;
  std::atomic<bool> stopped_{false};
};
int main() {
  Worker w;
  w.post(1);
  int t = 0;
  w.next(t);
  w.stop();
  return w.stopped() ? t : 0;
}
