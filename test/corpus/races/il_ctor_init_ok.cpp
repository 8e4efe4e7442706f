// Look-alike: fields initialised in the constructor without the lock.
#include <mutex>
#include <string>
class Session {
public:
  explicit Session(std::string user) {
    user_ = std::move(user);
    requests_ = 0;
  }
  void on_request() {
    std::lock_guard<std::mutex> g(mu_);
    ++requests_;
  }
  long requests() const {
    std::lock_guard<std::mutex> g(mu_);
    return requests_;
  }
  ~Session() { requests_ = -1; }
private:
  mutable std::mutex mu_;
  std::string user_;
  long requests_;
};
int main() {
  Session s("ann");
  s.on_request();
  return int(s.requests());
}
