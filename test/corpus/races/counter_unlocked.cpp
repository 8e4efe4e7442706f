// The notes' counter without a lock.
#include <thread>
#include <vector>
int counter = 0;
void work() { for (int i = 0; i < 1000; ++i) counter++; }  // expect: concur-unguarded-shared-state
int main() {
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) ts.emplace_back(work);
  for (auto &t : ts) t.join();
  return counter;
}
