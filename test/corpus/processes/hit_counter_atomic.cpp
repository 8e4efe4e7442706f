// The same counters as atomics placed in the mapping.
#include <atomic>
#include <new>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct Counters {
  std::atomic<long> hits{0};
  std::atomic<long> misses{0};
};

void handle(Counters *c, int request) {
  if (request % 7 == 0)
    c->misses.fetch_add(1, std::memory_order_relaxed);
  else
    ++c->hits;
}

int main() {
  void *memory =
      mmap(nullptr, sizeof(Counters), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  auto *counters = new (memory) Counters;
  for (int w = 0; w < 4; ++w)
    if (fork() == 0) {
      for (int r = 0; r < 1000; ++r)
        handle(counters, r);
      _exit(0);
    }
  while (wait(nullptr) > 0) {
  }
}
