// Look-alike: the counter under a lock_guard.
#include <mutex>
#include <thread>
#include <vector>
int counter = 0;
std::mutex mu;
void work() { for (int i = 0; i < 1000; ++i) { std::lock_guard<std::mutex> g(mu); counter++; } }
int main() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(work);
  for (auto &t : ts) t.join();
  return counter;
}
