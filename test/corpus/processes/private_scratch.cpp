// Workers scribble on a MAP_PRIVATE scratch area: copy-on-write, each
// process has its own copy.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main() {
  auto *scratch = static_cast<char *>(
      mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  for (int w = 0; w < 4; ++w)
    if (fork() == 0) {
      for (int i = 0; i < 4096; ++i)
        scratch[i] = static_cast<char>(w);
      _exit(0);
    }
  while (wait(nullptr) > 0) {
  }
}
