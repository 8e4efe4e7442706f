// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A thread's start argument is its entry's parameter: a path that tests
// it is not taken when the spawn passes a constant that rules it out, also
// when the entry passes it on, unchanged, through helpers (`(long)arg`,
// `trace(verbose)`). A spawn that passes something else keeps the path.
#include <pthread.h>
#include <stddef.h>

static long hits;    // the NULL-started thread never counts: no race
static long traced;  // counted when started with a non-null argument: a race

static void count(long on) {
  if (on)
    hits++;
}

static void count_on(long on) { count(on); }

static void *quiet_worker(void *arg) {
  count((long)arg);
  count_on((long)arg);
  return NULL;
}

static void trace(int verbose) {
  if (verbose)
    traced++;
  // CHECK: :[[@LINE-1]]:5: warning: read-modify-write of shared 'traced' on the thread started at line [[START:[0-9]+]] is not atomic
  // CHECK: note: thread entry 'tracing_worker' starts here
  // CHECK: note: 'tracing_worker' calls 'run' here
  // CHECK: note: 'run' calls 'trace' here
  // CHECK: note: conflicting write of 'traced' in 'main' while that thread runs
}

static void run(int verbose) { trace(verbose); }

static void *tracing_worker(void *arg) {
  run(arg != NULL);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, quiet_worker, NULL);
  hits = 10;
  pthread_join(a, NULL);

  static int on = 1;
  pthread_create(&b, NULL, tracing_worker, &on);
  traced = 10;
  // CHECK: :[[@LINE-1]]:3: warning: shared 'traced' is written in 'main' while that thread runs with no lock held, and updated on the thread started at line [[START]]
  // CHECK: note: conflicting write of 'traced' on the thread started at line [[START]]
  // CHECK: note: thread entry 'tracing_worker' starts here
  // CHECK: note: 'tracing_worker' calls 'run' here
  // CHECK: note: 'run' calls 'trace' here
  pthread_join(b, NULL);
  return 0;
}
