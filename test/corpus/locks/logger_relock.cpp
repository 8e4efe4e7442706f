// A logger whose flush() logs a summary through the public log(), which
// locks the mutex flush() already holds.
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

class Logger {
public:
  void log(const std::string &line) {
    std::lock_guard<std::mutex> g(mu_);
    lines_.push_back(line);
  }
  void flush() {
    std::lock_guard<std::mutex> g(mu_);
    for (const std::string &l : lines_)
      std::puts(l.c_str());
    log("flushed " + std::to_string(lines_.size()) + " lines");  // expect: concur-relock-non-recursive
    lines_.clear();
  }

private:
  std::mutex mu_;
  std::vector<std::string> lines_;
};

int main() {
  Logger logger;
  logger.log("hello");
  logger.flush();
}
