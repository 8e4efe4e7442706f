#include <memory>
#include <mutex>
#include <thread>
#include <vector>
std::vector<std::mutex> table(4);
int counter;
void work(std::unique_ptr<std::mutex> &up) {
  auto it = table.begin();
  std::lock_guard<std::mutex> a(*up);
  std::lock_guard<std::mutex> b(*it);
  counter++;
}
void other() { counter++; }
int main() {
  auto up = std::make_unique<std::mutex>();
  std::thread t(work, std::ref(up)), u(other);
  t.join();
  u.join();
}
