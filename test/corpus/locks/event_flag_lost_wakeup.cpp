// An Event built from a flag and a condition variable; set() changes the
// flag without the mutex, so a waiter between its test and its wait sleeps
// through the notification.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

class Event {
public:
  void set() {
    flag_ = true;  // expect: concur-wait-without-predicate
    cv_.notify_all();
  }
  void wait() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return flag_.load(); });
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::atomic<bool> flag_{false};
};

int main() {
  Event started;
  std::thread t([&] { started.set(); });
  started.wait();
  t.join();
}
