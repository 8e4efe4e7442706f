// A settings table that takes only a reader lock in one writer.
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
class Settings {
public:
  void set(const std::string &k, int v) {
    std::unique_lock lock(mu_);
    values_[k] = v;
  }
  int get(const std::string &k) const {
    std::shared_lock lock(mu_);
    auto it = values_.find(k);
    return it == values_.end() ? 0 : it->second;
  }
  void touch(const std::string &k) {
    std::shared_lock lock(mu_);
    values_[k] += 1;  // expect: concur-inconsistent-locking
  }
private:
  mutable std::shared_mutex mu_;
  std::map<std::string, int> values_;
};
int main() {
  Settings s;
  s.set("retries", 3);
  s.touch("retries");
  return s.get("retries");
}
