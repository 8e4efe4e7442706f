// A counter passed with std::ref to a detached thread.
#include <functional>
#include <thread>
void count_up(int &c) { for (int i = 0; i < 100; ++i) ++c; }
void launch() {
  int count = 0;
  std::thread t(count_up, std::ref(count));  // expect: concur-thread-captures-local
  t.detach();
}
int main() { launch(); }
