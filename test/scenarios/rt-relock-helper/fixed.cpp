// The fix: the public functions lock, and add() uses a helper that requires
// the lock held (the alternative is concur::RecursiveMutex, Python's RLock).
#include <concur/sync.h>

#include <cstdio>
#include <vector>

class Inventory {
public:
  int count() {
    concur::MutexLock lock(mu_);
    return count_locked();
  }
  bool add(int item) {
    concur::MutexLock lock(mu_);
    if (count_locked() >= 8)
      return false;
    items_.push_back(item);
    return true;
  }

private:
  int count_locked() const CONCUR_REQUIRES(mu_) { return static_cast<int>(items_.size()); }
  concur::Mutex mu_;
  std::vector<int> items_ CONCUR_GUARDED_BY(mu_);
};

int main() {
  Inventory inventory;
  std::printf("adding\n");
  std::fflush(stdout);
  inventory.add(1);
  std::printf("added: %d items\n", inventory.count());
}
