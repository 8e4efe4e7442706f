#include <mutex>
#include <thread>
std::mutex registry_mu;
void reset_width();
int read_width();
int registry_limit() { std::lock_guard<std::mutex> l(registry_mu); return 4; }
void configure() {
  std::lock_guard<std::mutex> l(registry_mu);
  reset_width();
}
int main() {
  std::thread a(configure);
  std::thread b(read_width);
  a.join();
  b.join();
}
