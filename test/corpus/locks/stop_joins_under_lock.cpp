// A service's stop() joins its worker while holding the state lock; the
// worker needs that lock to finish its last round: a deadlock.
#include <mutex>
#include <thread>

class Service {
public:
  void start() { worker_ = std::thread([this] { run(); }); }
  void stop() {
    std::lock_guard<std::mutex> g(mu_);
    running_ = false;
    worker_.join();  // expect: concur-blocking-call-under-lock
  }

private:
  void run() {
    for (;;) {
      std::lock_guard<std::mutex> g(mu_);
      if (!running_)
        return;
      ++ticks_;
    }
  }
  std::mutex mu_;
  bool running_ = true;
  long ticks_ = 0;
  std::thread worker_;
};

int main() {
  Service s;
  s.start();
  s.stop();
}
