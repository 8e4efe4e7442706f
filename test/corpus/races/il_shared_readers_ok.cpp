// Look-alike: readers take a shared lock, the writer an exclusive one.
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
class DnsCache {
public:
  std::string lookup(const std::string &host) const {
    std::shared_lock r(mu_);
    auto it = table_.find(host);
    return it == table_.end() ? std::string() : it->second;
  }
  void store(const std::string &host, const std::string &ip) {
    std::unique_lock w(mu_);
    table_[host] = ip;
    ++generation_;
  }
  long generation() const {
    std::shared_lock r(mu_);
    return generation_;
  }
private:
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, std::string> table_;
  long generation_ = 0;
};
int main() {
  DnsCache c;
  c.store("a", "1.2.3.4");
  return int(c.lookup("a").size() + c.generation());
}
