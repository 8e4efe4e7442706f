// Threads moved into a global list; each one refers to a local of its starter.
#include <thread>
#include <vector>
std::vector<std::thread> workers;
void start_worker(int id) {
  int slot = id * 10;
  std::thread t([&slot] { slot += 1; });  // expect: concur-thread-captures-local
  workers.push_back(std::move(t));
}
int main() {
  for (int i = 0; i < 3; ++i) start_worker(i);
  for (auto &w : workers) w.join();
}
