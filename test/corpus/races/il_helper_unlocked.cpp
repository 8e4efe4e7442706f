// An inventory whose adjust() helper is called with and without the lock.
#include <map>
#include <mutex>
#include <string>
class Inventory {
public:
  void receive(const std::string &sku, int n) {
    std::lock_guard<std::mutex> g(mu_);
    adjust(n);
    last_sku_ = sku;
  }
  void ship(int n) { adjust(-n); }
  int on_hand() {
    std::lock_guard<std::mutex> g(mu_);
    return on_hand_;
  }
private:
  void adjust(int delta) { on_hand_ += delta; }  // expect: concur-inconsistent-locking
  std::mutex mu_;
  int on_hand_ = 0;
  std::string last_sku_;
};
int main() {
  Inventory inv;
  inv.receive("A-1", 5);
  inv.ship(2);
  return inv.on_hand();
}
