// Look-alike of shm_counter_race.c: a process-shared mutex inside the mapping.
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
struct shm_block { pthread_mutex_t lock; long hits; };
int main(void) {
  struct shm_block *blk = mmap(NULL, sizeof *blk, PROT_READ | PROT_WRITE,
                               MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (blk == MAP_FAILED) return 1;
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(&blk->lock, &attr);
  blk->hits = 0;
  for (int w = 0; w < 4; ++w)
    if (fork() == 0) {
      pthread_mutex_lock(&blk->lock);
      blk->hits++;
      pthread_mutex_unlock(&blk->lock);
      _exit(0);
    }
  while (wait(NULL) > 0) {}
  return (int)blk->hits;
}
