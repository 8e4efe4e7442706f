// The same logger with a recursive mutex (Python's RLock): re-entry is fine.
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

class Logger {
public:
  void log(const std::string &line) {
    std::lock_guard<std::recursive_mutex> g(mu_);
    lines_.push_back(line);
  }
  void flush() {
    std::lock_guard<std::recursive_mutex> g(mu_);
    for (const std::string &l : lines_)
      std::puts(l.c_str());
    log("flushed");
    lines_.clear();
  }

private:
  std::recursive_mutex mu_;
  std::vector<std::string> lines_;
};

int main() {
  Logger logger;
  logger.log("hello");
  logger.flush();
}
