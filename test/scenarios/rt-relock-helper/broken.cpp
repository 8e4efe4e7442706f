// An inventory whose add() checks capacity through the public count(),
// which takes the lock add() already holds: a concur::Mutex locked twice by
// one thread (Python: a threading.Lock acquired again by its holder).
#include <concur/sync.h>

#include <cstdio>
#include <vector>

class Inventory {
public:
  int count() {
    concur::MutexLock lock(mu_);
    return static_cast<int>(items_.size());
  }
  bool add(int item) {
    concur::MutexLock lock(mu_);
    if (count() >= 8)
      return false;
    items_.push_back(item);
    return true;
  }

private:
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
