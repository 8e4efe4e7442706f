// Look-alike: the done flag is std::atomic and the result is published by it.
#include <atomic>
#include <thread>
std::atomic<bool> ready{false};
std::atomic<int> value{0};
void produce() {
  value.store(42, std::memory_order_relaxed);
  ready.store(true, std::memory_order_release);
}
int main() {
  std::thread t(produce);
  while (!ready.load(std::memory_order_acquire)) {}
  int v = value.load();
  t.join();
  return v;
}
