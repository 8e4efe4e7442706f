// Look-alike: a sampler that only writes when try_lock succeeds.
#include <mutex>
class Sampler {
public:
  void offer(int v) {
    if (!mu_.try_lock()) return;  // busy: drop the sample
    latest_ = v;
    ++samples_;
    mu_.unlock();
  }
  int latest() {
    std::lock_guard<std::mutex> g(mu_);
    return latest_;
  }
  int samples() {
    std::unique_lock<std::mutex> lk(mu_, std::try_to_lock);
    if (!lk.owns_lock()) return -1;
    return samples_;
  }
private:
  std::mutex mu_;
  int latest_ = 0;
  int samples_ = 0;
};
int main() {
  Sampler s;
  s.offer(4);
  return s.latest() + s.samples();
}
