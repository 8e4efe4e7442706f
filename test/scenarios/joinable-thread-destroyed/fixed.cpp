// Fixed: std::jthread joins in its destructor on every path.
#include <cstdio>
#include <thread>

void work() {}

bool process(int input) {
  std::jthread worker(work);
  if (input < 0)
    return false;
  worker.join();
  return true;
}

int main() {
  std::printf("ok: %d\n", process(1));
  std::printf("bad: %d\n", process(-1));
}
