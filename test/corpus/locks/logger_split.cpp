// The restructured logger: public functions lock, a private helper expects
// the lock held.
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

class Logger {
public:
  void log(const std::string &line) {
    std::lock_guard<std::mutex> g(mu_);
    append_locked(line);
  }
  void flush() {
    std::lock_guard<std::mutex> g(mu_);
    for (const std::string &l : lines_)
      std::puts(l.c_str());
    append_locked("flushed");
    lines_.clear();
  }

private:
  void append_locked(const std::string &line) { lines_.push_back(line); }
  std::mutex mu_;
  std::vector<std::string> lines_;
};

int main() {
  Logger logger;
  logger.log("hello");
  logger.flush();
}
