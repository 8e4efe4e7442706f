// A worker sleeps until there is work or a shutdown request; stop() sets
// the flag without the queue lock before notifying: a worker that has just
// checked the flag misses the notification and never exits.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

class Worker {
public:
  Worker() : thread_([this] { run(); }) {}
  void stop() {
    stopping_ = true;  // expect: concur-wait-without-predicate
    cv_.notify_all();
    thread_.join();
  }

private:
  void run() {
    std::unique_lock<std::mutex> lk(mu_);
    while (!stopping_) {
      cv_.wait(lk, [this] { return stopping_ || !jobs_.empty(); });
      while (!jobs_.empty())
        jobs_.pop_front();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

int main() {
  Worker w;
  w.stop();
}
