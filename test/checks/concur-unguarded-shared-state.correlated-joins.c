// A spawner that starts its workers only in one mode and joins them under
// the same test orders what it does before the next round after them:
// paths that assumed different things of a flag keep their own view of
// which threads run. `if (threaded) start(); ... if (threaded) join();`,
// also when a branch turns the mode off after joining part of the work
// and records that it must still join the rest.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>
#include <stdio.h>

static int batch_size;
static int done_items;
static pthread_mutex_t done_lock = PTHREAD_MUTEX_INITIALIZER;

static void *work(void *arg) {
  pthread_mutex_lock(&done_lock);
  if (done_items < batch_size)
    ++done_items;
  pthread_mutex_unlock(&done_lock);
  return arg;
}

static void *report(void *arg) {
  printf("%d\n", batch_size);
  return arg;
}

int fill(int round);

int run_rounds(int rounds, int workers, int serial) {
  pthread_t pool[8];
  pthread_t printer;
  int status;
  unsigned i;
  int fallback = 0;
  for (int r = 0; r < rounds; ++r) {
    fallback = 0;
    batch_size = r * 16; // every thread of the last round was joined
    if (serial == 0) {
      for (i = 0; (int)i < workers; i++) {
        status = pthread_create(&pool[i], NULL, work, NULL);
        if (status != 0)
          return -1;
      }
      status = pthread_create(&printer, NULL, report, NULL);
      if (status != 0)
        return -1;
      if (fill(r) == -1) {
        serial = 1; // the rest of the rounds run on this thread
        fallback = 1;
        if (pthread_join(printer, NULL) != 0)
          return -1;
      }
    }
    if (serial == 0) {
      status = pthread_join(printer, NULL);
      if (status != 0)
        fputs("join failed\n", stderr);
    }
    if (serial == 0 || fallback)
      for (i = 0; (int)i < workers; i++)
        pthread_join(pool[i], NULL);
  }
  return done_items;
}

static int chunk;

static void *copy_chunk(void *arg) {
  return chunk > 0 ? arg : NULL;
}

// Kept positive: the branch that turns the mode off forgets the workers,
// so the next round's write can run while they still read.
int copy_rounds(int rounds, int workers, int serial) {
  pthread_t pool[8];
  int i;
  for (int r = 0; r < rounds; ++r) {
    // CHECK: :[[@LINE+1]]:5: warning: shared 'chunk' is written in 'copy_rounds' while that thread runs with no lock held, and read on the thread started at line [[@LINE+6]] with no lock held{{.*}}[concur-unguarded-shared-state]
    chunk = r * 4096;
    // CHECK: :71:10: note: conflicting read of 'chunk' on the thread started at line [[@LINE+4]]
    // CHECK: :[[@LINE+3]]:9: note: thread entry 'copy_chunk' starts here
    if (serial == 0) {
      for (i = 0; i < workers; i++)
        pthread_create(&pool[i], NULL, copy_chunk, NULL);
      if (fill(r) == -1)
        serial = 1;
    }
    if (serial == 0)
      for (i = 0; i < workers; i++)
        pthread_join(pool[i], NULL);
  }
  return 0;
}
