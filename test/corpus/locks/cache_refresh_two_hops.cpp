// A price cache whose refresh() holds the lock while it calls reprice(),
// which looks prices up through get(): two calls down, get() takes the
// same mutex again.
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
    reprice("base");  // expect: concur-relock-non-recursive
  }

private:
  void reprice(const std::string &sku) { discounted_ = get(sku) * 0.9; }
  std::mutex mu_;
  std::map<std::string, double> prices_;
  double discounted_ = 0;
  int version_ = 0;
};

int main() {
  PriceCache c;
  c.refresh();
}
