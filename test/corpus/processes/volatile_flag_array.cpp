// Children bump a shared histogram declared volatile, which orders nothing
// and makes no increment atomic.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main() {
  auto *histogram = static_cast<volatile int *>(
      mmap(nullptr, 10 * sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  for (int w = 0; w < 3; ++w)
    if (fork() == 0) {
      for (int i = 0; i < 100; ++i)
        histogram[i % 10]++; // expect: concur-unsynchronized-shared-memory
      _exit(0);
    }
  while (wait(nullptr) > 0) {
  }
}
