#include <future>
#include <thread>
int work();
int main() {
  auto f = std::async(work);
  auto g = std::async([] { return 1; });
  std::thread t([] {});
  return f.get() + g.get();
}
