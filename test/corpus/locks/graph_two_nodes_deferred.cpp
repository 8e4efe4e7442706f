// Linking two graph nodes: unique_lock with defer_lock, then std::lock of
// both, so neither order is ever held alone. No inversion.
#include <mutex>
#include <thread>

struct Node {
  std::mutex mu;
  int edges = 0;
};
Node left_node, right_node;

void link(Node &a, Node &b) {
  std::unique_lock<std::mutex> la(a.mu, std::defer_lock);
  std::unique_lock<std::mutex> lb(b.mu, std::defer_lock);
  std::lock(la, lb);
  ++a.edges;
  ++b.edges;
}

int main() {
  std::thread t1([] { link(left_node, right_node); });
  std::thread t2([] { link(right_node, left_node); });
  t1.join();
  t2.join();
}
