// A poller object on the stack hands `this` to a detached thread; the
// object is gone when the function returns, the thread is not.
#include <atomic>
#include <chrono>
#include <thread>

class Poller {
public:
  void start() {
    std::thread([this] { loop(); }).detach(); // expect: concur-detached-thread
  }

private:
  void loop() {
    while (!stop_) {
      ++readings_;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  std::atomic<bool> stop_{false};
  long readings_ = 0;
};

void sample_for_a_while() {
  Poller p;
  p.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
}
