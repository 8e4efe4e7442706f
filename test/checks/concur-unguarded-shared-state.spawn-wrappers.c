// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'

// A function that hands its function-pointer parameter to pthread_create
// is a spawn wrapper: each call of it starts a thread running what the
// caller passes (SpawnSites, learned from the wrapper's body). The thread
// id it fills in is the caller's, so a pthread_join on it ends the thread.

#include <pthread.h>
#include <stddef.h>

static void start_thread(pthread_t *t, void *(*fn)(void *), void *arg) {
  pthread_create(t, NULL, fn, arg);
}

// A wrapper of the wrapper, with no thread id: the thread runs on.
static void start_detached(void *(*fn)(void *)) {
  pthread_t t;
  start_thread(&t, fn, NULL);
  pthread_detach(t);
}

// Positive: two threads started through the wrapper update one counter.
long hits;
void *count_hit(void *arg) {
  (void)arg;
  hits++;
  return NULL;
}
void count_twice(void) {
  pthread_t a, b;
  start_thread(&a, count_hit, NULL);
  start_thread(&b, count_hit, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

// Negative: the result is read after the join of the thread the wrapper
// started, through the id it filled in.
int result;
void *compute(void *arg) {
  (void)arg;
  result = 42;
  return NULL;
}
int compute_and_wait(void) {
  pthread_t t;
  start_thread(&t, compute, NULL);
  pthread_join(t, NULL);
  return result;
}

// Positive: through the second wrapper the thread is never joined, so the
// caller's later write races with it.
int level;
void *watch_level(void *arg) {
  (void)arg;
  return (void *)(long)level;
}
void raise_level(void) {
  start_detached(watch_level);
  level = 3;
}

// CHECK: :27:3: warning: read-modify-write of shared 'hits' on the thread started at line 32 is not atomic and races with it being updated on the thread started at line 33 (no lock held on both sides); make it an _Atomic type or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :32:3: note: thread entry 'count_hit' starts here
// CHECK: :27:3: note: conflicting write of 'hits' on the thread started at line 33
// CHECK: :33:3: note: thread entry 'count_hit' starts here
// CHECK: :62:3: warning: shared 'level' is written in 'raise_level' while that thread runs with no lock held, and read on the thread started at line 61 with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :58:24: note: conflicting read of 'level' on the thread started at line 61
// CHECK: :61:3: note: thread entry 'watch_level' starts here
