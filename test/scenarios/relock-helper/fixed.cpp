// The fix: the public functions lock, and add() uses a helper that expects
// the lock held (the alternative is a std::recursive_mutex, Python's RLock).
#include <cstdio>
#include <mutex>
#include <vector>

class Inventory {
public:
  int count() {
    std::lock_guard<std::mutex> g(mu_);
    return count_locked();
  }
  bool add(int item) {
    std::lock_guard<std::mutex> g(mu_);
    if (count_locked() >= 8)
      return false;
    items_.push_back(item);
    return true;
  }

private:
  int count_locked() const { return static_cast<int>(items_.size()); }
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
