// RUN: %clang_tidy -checks='-*,concur-unsynchronized-shared-memory' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// C: forked children writing a MAP_SHARED mapping with no process-shared lock.

#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

// ---- Positive --------------------------------------------------------------

long count_in_children(void) {
  long *hits = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE,
                    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (hits == MAP_FAILED) return -1;
  *hits = 0;
  for (int w = 0; w < 4; ++w)
    if (fork() == 0) {
      ++*hits;
      _exit(0);
    }
  while (wait(NULL) > 0) {}
  return *hits;
}

// ---- Negatives -------------------------------------------------------------

struct block { pthread_mutex_t lock; long hits; };
long count_with_pshared_lock(void) {
  struct block *blk = mmap(NULL, sizeof *blk, PROT_READ | PROT_WRITE,
                           MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (blk == MAP_FAILED) return -1;
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
  return blk->hits;
}

long one_child_result(void) {
  long *result = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (result == MAP_FAILED) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    *result = 42;
    _exit(0);
  }
  waitpid(pid, NULL, 0);
  return *result;
}

// Every warning and note above, in output order (line:column).
// CHECK: :19:7: warning: plain write to shared memory through 'hits', which several processes may update at the same time, with no process-shared lock or atomic: concurrent updates are lost{{.*}}[concur-unsynchronized-shared-memory]
// CHECK: :13:16: note: the memory is mapped MAP_SHARED here
// CHECK: :18:9: note: this write runs in every child of this fork(), which is in a loop
