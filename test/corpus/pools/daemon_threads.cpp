// Detached (daemon) threads and what they touch.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

std::vector<std::string> log_lines;
std::atomic<bool> running{true};

void append_log(const std::string &s) { log_lines.push_back(s); }

void start_heartbeat() {
  std::thread([] {
    while (running) {
      append_log("beat");
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }).detach(); // expect: concur-detached-thread
}

void start_counter() {
  std::thread([] {
    static std::atomic<int> n{0};
    while (running)
      ++n;
  }).detach();
}

class Monitor {
public:
  void start() {
    std::thread t([this] { samples_ += 1; });
    t.detach(); // expect: concur-detached-thread
  }

private:
  int samples_ = 0;
};

void monitor_briefly() {
  Monitor m;
  m.start();
}

void start_owned() {
  auto state = std::make_shared<std::string>("owned");
  std::thread([state] { state->append("!"); }).detach();
}
