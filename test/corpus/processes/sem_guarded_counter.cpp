// Children update a counter under a process-shared mutex kept next to it,
// reached through a pointer into the mapping.
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct Region {
  pthread_mutex_t mutex;
  long value;
};

void bump(Region *r) {
  pthread_mutex_lock(&r->mutex);
  r->value++;
  pthread_mutex_unlock(&r->mutex);
}

int main() {
  auto *region = static_cast<Region *>(
      mmap(nullptr, sizeof(Region), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(&region->mutex, &attr);
  region->value = 0;
  for (int w = 0; w < 4; ++w)
    if (fork() == 0) {
      bump(region);
      _exit(0);
    }
  while (wait(nullptr) > 0) {
  }
}
