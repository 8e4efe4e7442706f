// A poller stores its thread in a member; the thread reads a local interval.
#include <chrono>
#include <thread>
class Poller {
public:
  void start(int every_ms) {
    auto interval = std::chrono::milliseconds(every_ms);
    thread_ = std::thread([&interval, this] {  // expect: concur-thread-captures-local
      for (int i = 0; i < 3; ++i) { std::this_thread::sleep_for(interval); ++ticks_; }
    });
  }
  void stop() { thread_.join(); }
private:
  std::thread thread_;
  int ticks_ = 0;
};
int main() {
  Poller p;
  p.start(5);
  p.stop();
}
