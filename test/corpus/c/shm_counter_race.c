// Forked children increment a counter in a MAP_SHARED mapping with no lock.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
  long *shm_hits = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shm_hits == MAP_FAILED) return 1;
  *shm_hits = 0;
  for (int w = 0; w < 4; ++w)
    if (fork() == 0) {
      ++*shm_hits; // expect: concur-unsynchronized-shared-memory
      _exit(0);
    }
  while (wait(NULL) > 0) {}
  return (int)*shm_hits;
}
