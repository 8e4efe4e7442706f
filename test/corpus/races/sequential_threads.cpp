// Look-alike: the second thread starts after the first is joined.
#include <thread>
int stage = 0;
void step() { stage++; }
int main() {
  std::thread a(step);
  a.join();
  std::thread b(step);
  b.join();
  return stage;
}
