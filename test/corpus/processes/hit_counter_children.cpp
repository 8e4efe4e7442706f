// Page-hit counting across worker processes in anonymous shared memory.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct Counters {
  long hits;
  long misses;
};

void handle(Counters *c, int request) {
  if (request % 7 == 0)
    c->misses++; // expect: concur-unsynchronized-shared-memory
  else
    c->hits++; // expect: concur-unsynchronized-shared-memory
}

int main() {
  auto *counters = static_cast<Counters *>(
      mmap(nullptr, sizeof(Counters), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  for (int w = 0; w < 4; ++w)
    if (fork() == 0) {
      for (int r = 0; r < 1000; ++r)
        handle(counters, r);
      _exit(0);
    }
  while (wait(nullptr) > 0) {
  }
}
