// The parent and a child both update a shared progress record.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct Progress {
  int done;
  int total;
};

int main() {
  auto *p = static_cast<Progress *>(
      mmap(nullptr, sizeof(Progress), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  p->total = 20;
  pid_t pid = fork();
  if (pid == 0) {
    for (int i = 0; i < 10; ++i)
      p->done += 1; // expect: concur-unsynchronized-shared-memory
    _exit(0);
  }
  for (int i = 0; i < 10; ++i)
    p->done += 1; // expect: concur-unsynchronized-shared-memory
  waitpid(pid, nullptr, 0);
}
