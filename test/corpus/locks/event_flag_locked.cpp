// The fixed Event: the flag changes under the mutex the waiter tests it
// under; the notify may come after the unlock.
#include <condition_variable>
#include <mutex>
#include <thread>

class Event {
public:
  void set() {
    {
      std::lock_guard<std::mutex> g(mu_);
      flag_ = true;
    }
    cv_.notify_all();
  }
  void wait() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return flag_; });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool flag_ = false;
};

int main() {
  Event started;
  std::thread t([&] { started.set(); });
  started.wait();
  t.join();
}
