// Metrics recorded under a lock; reset() forgets to take it.
#include <mutex>
class Metrics {
public:
  void record(long micros) {
    std::lock_guard<std::mutex> g(mu_);
    ++count_;
    total_ += micros;
  }
  double mean() {
    std::lock_guard<std::mutex> g(mu_);
    return count_ ? double(total_) / count_ : 0.0;
  }
  void reset() {
    count_ = 0;  // expect: concur-inconsistent-locking
    total_ = 0;  // expect: concur-inconsistent-locking
  }
private:
  std::mutex mu_;
  long count_ = 0;
  long total_ = 0;
};
int main() {
  Metrics m;
  m.record(10);
  m.reset();
  return int(m.mean());
}
