// A worker started, then an early return before join(): the std::thread is
// destroyed joinable and the runtime calls std::terminate.
#include <cstdio>
#include <thread>

void work() {}

bool process(int input) {
  std::thread worker(work);
  if (input < 0)
    return false; // worker still joinable here
  worker.join();
  return true;
}

int main() {
  std::setvbuf(stdout, nullptr, _IONBF, 0); // keep output printed before the abort
  std::printf("ok: %d\n", process(1));
  std::printf("bad: %d\n", process(-1));
}
