// Look-alike: a rate limiter whose capacity is const and read without the lock.
#include <mutex>
class RateLimiter {
public:
  explicit RateLimiter(int capacity) : capacity_(capacity) {}
  bool try_take() {
    std::lock_guard<std::mutex> g(mu_);
    if (used_ >= capacity_) return false;
    ++used_;
    return true;
  }
  int capacity() const { return capacity_; }
  void refill() {
    std::lock_guard<std::mutex> g(mu_);
    used_ = 0;
  }
private:
  std::mutex mu_;
  const int capacity_;
  int used_ = 0;
};
int main() {
  RateLimiter r(2);
  r.try_take();
  r.refill();
  return r.capacity();
}
