// A class with a mutex and one unlocked getter used from another thread.
#include <mutex>
#include <thread>
class Stats {
public:
  void add(int v) { std::lock_guard<std::mutex> g(mu_); total_ += v; }
  int total() const { return total_; }  // expect: concur-unguarded-shared-state, concur-inconsistent-locking
private:
  mutable std::mutex mu_;
  int total_ = 0;
};
int main() {
  Stats s;
  std::thread w([&s] { for (int i = 0; i < 100; ++i) s.add(i); });
  int seen = s.total();
  w.join();
  return seen;
}
