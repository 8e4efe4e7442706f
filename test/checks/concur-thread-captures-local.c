// RUN: %clang_tidy -checks='-*,concur-thread-captures-local' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// C: the address of a local passed to a pthread that is detached or not joined.

#include <pthread.h>
#include <stdlib.h>

void *bump(void *arg) {
  int *n = arg;
  *n += 1;
  return NULL;
}

// ---- Positives -------------------------------------------------------------

void detach_local(void) {
  int hits = 0;
  pthread_t t;
  pthread_create(&t, NULL, bump, &hits);
  pthread_detach(t);
}

pthread_t return_handle(void) {
  int seed = 7;
  pthread_t t;
  pthread_create(&t, NULL, bump, &seed);
  return t;
}

// ---- Negatives -------------------------------------------------------------

int join_local(void) {
  int hits = 0;
  pthread_t t;
  pthread_create(&t, NULL, bump, &hits);
  pthread_join(t, NULL);
  return hits;
}

void detach_static(void) {
  static int hits = 0;
  pthread_t t;
  pthread_create(&t, NULL, bump, &hits);
  pthread_detach(t);
}

void detach_heap(void) {
  int *hits = malloc(sizeof *hits);
  if (!hits) return;
  *hits = 0;
  pthread_t t;
  pthread_create(&t, NULL, bump, hits);
  pthread_detach(t);
}

void detach_by_value(void) {
  long n = 3;
  pthread_t t;
  pthread_create(&t, NULL, bump, (void *)n);
  pthread_detach(t);
}

// Every warning and note above, in output order (line:column).
// CHECK: :19:34: warning: local 'hits' is passed by address to a thread that is not joined before 'detach_local' returns, so the thread can use it after 'detach_local' returns and 'hits' is destroyed{{.*}}[concur-thread-captures-local]
// CHECK: :18:13: note: its handle 't' is never joined
// CHECK: :17:7: note: 'hits' is a local of 'detach_local', declared here
// CHECK: :26:34: warning: local 'seed' is passed by address to a thread that is not joined before 'return_handle' returns, so the thread can use it after 'return_handle' returns and 'seed' is destroyed{{.*}}[concur-thread-captures-local]
// CHECK: :25:13: note: its handle 't' is never joined
// CHECK: :24:7: note: 'seed' is a local of 'return_handle', declared here
