// The flusher belongs to the logger: a std::jthread member is asked to stop
// and joined when the logger is destroyed.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

class Logger {
public:
  explicit Logger(std::string path)
      : path_(std::move(path)), flusher_([this](std::stop_token stop) { run(stop); }) {}

  void log(std::string line) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_.push_back(std::move(line));
  }

private:
  void run(std::stop_token stop) {
    while (!stop.stop_requested()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      flush();
    }
    flush();
  }
  void flush() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (FILE *f = std::fopen(path_.c_str(), "a")) {
      for (const auto &line : pending_)
        std::fputs(line.c_str(), f);
      std::fclose(f);
    }
    pending_.clear();
  }

  std::string path_;
  std::mutex mutex_;
  std::vector<std::string> pending_;
  std::jthread flusher_;
};

int main() {
  Logger log("/tmp/app.log");
  log.log("started\n");
}
