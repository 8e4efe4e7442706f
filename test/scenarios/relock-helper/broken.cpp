// An inventory whose add() checks capacity through the public count(),
// which takes the lock add() already holds: a std::mutex locked twice by
// one thread (Python: a threading.Lock acquired again by its holder).
#include <cstdio>
#include <mutex>
#include <vector>

class Inventory {
public:
  int count() {
    std::lock_guard<std::mutex> g(mu_);
    return static_cast<int>(items_.size());
  }
  bool add(int item) {
    std::lock_guard<std::mutex> g(mu_);
    if (count() >= 8)
      return false;
    items_.push_back(item);
    return true;
  }

private:
  std::mutex mu_;
  std::vector<int> items_;
};

int main() {
  Inventory inventory;
  std::printf("adding\n");
  std::fflush(stdout);
  inventory.add(1);
  std::printf("added: %d items\n", inventory.count());
}
