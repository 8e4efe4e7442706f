// A connection whose state changes under a lock, but the status query reads it bare.
#include <mutex>
#include <string>
class Connection {
public:
  enum State { Closed, Open, Failed };
  void open(const std::string &host) {
    std::lock_guard<std::mutex> lock(mu_);
    host_ = host;
    state_ = Open;
  }
  void close() {
    std::lock_guard<std::mutex> lock(mu_);
    state_ = Closed;
  }
  bool is_open() const { return state_ == Open; }  // expect: concur-inconsistent-locking
private:
  mutable std::mutex mu_;
  std::string host_;
  State state_ = Closed;
};
int main() {
  Connection c;
  c.open("db.local");
  bool ok = c.is_open();
  c.close();
  return ok ? 0 : 1;
}
