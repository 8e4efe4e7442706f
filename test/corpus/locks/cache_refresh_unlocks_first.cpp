// The look-alike: refresh() drops its lock before repricing, and a
// try_lock on the held mutex never blocks.
#include <map>
#include <mutex>
#include <string>

class PriceCache {
public:
  double get(const std::string &sku) {
    std::lock_guard<std::mutex> g(mu_);
    return prices_[sku];
  }
  void refresh() {
    std::unique_lock<std::mutex> lk(mu_);
    version_++;
    lk.unlock();
    double base = get("base");
    lk.lock();
    discounted_ = base * 0.9;
  }
  bool busy() {
    std::lock_guard<std::mutex> g(mu_);
    if (mu_.try_lock()) {
      mu_.unlock();
      return false;
    }
    return true;
  }

private:
  std::mutex mu_;
  std::map<std::string, double> prices_;
  double discounted_ = 0;
  int version_ = 0;
};

int main() {
  PriceCache c;
  c.refresh();
  return c.busy() ? 0 : 1;
}
