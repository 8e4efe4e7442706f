// Running averages updated by a worker and polled, unlocked, by main.
#include <mutex>
#include <thread>
class Average {
public:
  void add(double x) {
    std::lock_guard<std::mutex> g(mu_);
    sum_ += x;
    n_ += 1;
  }
  double value() const { return n_ ? sum_ / n_ : 0; }  // expect: concur-inconsistent-locking, concur-unguarded-shared-state
private:
  mutable std::mutex mu_;
  double sum_ = 0;
  long n_ = 0;
};
int main() {
  Average avg;
  std::thread worker([&avg] {
    for (int i = 0; i < 1000; ++i) avg.add(i);
  });
  double seen = avg.value();
  worker.join();
  return seen > 0;
}
