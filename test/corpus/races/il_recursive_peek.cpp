// A tree guarded by a recursive mutex; the node count is peeked without it.
#include <mutex>
#include <vector>
class Tree {
public:
  void insert(int v) {
    std::lock_guard<std::recursive_mutex> g(mu_);
    nodes_.push_back(v);
    ++count_;
    if (v > 100) insert(v / 2);
  }
  int count_fast() const { return count_; }  // expect: concur-inconsistent-locking
  int count() const {
    std::lock_guard<std::recursive_mutex> g(mu_);
    return count_;
  }
private:
  mutable std::recursive_mutex mu_;
  std::vector<int> nodes_;
  int count_ = 0;
};
int main() {
  Tree t;
  t.insert(300);
  return t.count() + t.count_fast();
}
