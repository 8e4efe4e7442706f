// Look-alike: the mutex only serialises output; no field is written under it.
#include <cstdio>
#include <mutex>
class Console {
public:
  void print(const char *msg) {
    std::lock_guard<std::mutex> g(mu_);
    std::fputs(prefix_, stdout);
    std::fputs(msg, stdout);
  }
  void set_prefix(const char *p) { prefix_ = p; }
private:
  std::mutex mu_;
  const char *prefix_ = "> ";
};
int main() {
  Console c;
  c.set_prefix("# ");
  c.print("hello\n");
}
