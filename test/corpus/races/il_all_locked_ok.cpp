// Look-alike: every public method takes the lock; the helper runs under it.
#include <mutex>
#include <string>
#include <vector>
class Journal {
public:
  void append(const std::string &line) {
    std::lock_guard<std::mutex> g(mu_);
    push(line);
  }
  void append_all(const std::vector<std::string> &lines) {
    std::lock_guard<std::mutex> g(mu_);
    for (const auto &l : lines) push(l);
  }
  size_t size() const {
    std::lock_guard<std::mutex> g(mu_);
    return lines_.size();
  }
private:
  void push(const std::string &l) {
    lines_.push_back(l);
    bytes_ += l.size();
  }
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
  size_t bytes_ = 0;
};
int main() {
  Journal j;
  j.append("start");
  j.append_all({"a", "b"});
  return int(j.size());
}
