// Children append to a shared log buffer under a process-shared POSIX
// semaphore stored in the mapping.
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct LogBuffer {
  sem_t guard;
  int used;
  char text[4096];
};

int main() {
  auto *log = static_cast<LogBuffer *>(
      mmap(nullptr, sizeof(LogBuffer), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  sem_init(&log->guard, /*pshared=*/1, 1);
  log->used = 0;
  for (int w = 0; w < 3; ++w)
    if (fork() == 0) {
      sem_wait(&log->guard);
      log->text[log->used] = static_cast<char>('a' + w);
      log->used += 1;
      sem_post(&log->guard);
      _exit(0);
    }
  while (wait(nullptr) > 0) {
  }
}
