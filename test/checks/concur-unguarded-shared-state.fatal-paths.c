// What a function lets go of only on a path that never returns (it ends
// the process) is not let go of for its caller: a condition-variable
// wrapper that unlocks and exits when the wait fails still hands the
// mutex back on every path that returns. And a lock call whose failure
// branch goes on with the rest of the code is taken as the code takes it.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct inbox {
  pthread_mutex_t *lock;
  pthread_cond_t *ready;
  int pending;
  int handled;
};

static void fail(const char *what) {
  fprintf(stderr, "%s failed\n", what);
  exit(1);
}

static void wait_or_fail(pthread_cond_t *c, pthread_mutex_t *m) {
  if (pthread_cond_wait(c, m) != 0) {
    pthread_mutex_unlock(m);
    fail("wait");
  }
}

static void *drain(void *arg) {
  struct inbox *in = arg;
  pthread_mutex_lock(in->lock);
  while (in->pending == 0)
    wait_or_fail(in->ready, in->lock);
  --in->pending; // still under in->lock
  ++in->handled;
  pthread_mutex_unlock(in->lock);
  return NULL;
}

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long served;

static void *count(void *arg) {
  if (pthread_mutex_lock(&stats_lock) != 0)
    fputs("cannot lock stats; counting anyway\n", stderr);
  ++served;
  pthread_mutex_unlock(&stats_lock);
  return arg;
}

struct tally {
  pthread_mutex_t *lock;
  pthread_cond_t *changed;
  int value;
};

// Kept positive: this wrapper returns without the mutex when the wait fails.
static int wait_or_give_up(pthread_cond_t *c, pthread_mutex_t *m) {
  if (pthread_cond_wait(c, m) != 0) {
    pthread_mutex_unlock(m);
    return -1;
  }
  return 0;
}

static void *bump(void *arg) {
  struct tally *t = arg;
  pthread_mutex_lock(t->lock);
  wait_or_give_up(t->changed, t->lock);
  // CHECK: :[[@LINE+1]]:8: warning: read-modify-write of shared 'tally::value' on the thread started at line [[BUMP:[0-9]+]] is not atomic{{.*}}[concur-unguarded-shared-state]
  ++t->value;
  // CHECK: :[[BUMP]]:3: note: thread entry 'bump' starts here
  // CHECK: :[[@LINE-2]]:8: note: conflicting write of 'tally::value' on the thread started at line [[BUMP2:[0-9]+]]
  // CHECK: :[[BUMP2]]:3: note: thread entry 'bump' starts here
  pthread_mutex_unlock(t->lock);
  return NULL;
}

int main(void) {
  static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
  struct inbox in = {&m, &c, 2, 0};
  struct tally t = {&m, &c, 0};
  pthread_t a, b, d, e, f, g;
  pthread_create(&a, NULL, drain, &in);
  pthread_create(&b, NULL, drain, &in);
  pthread_create(&d, NULL, count, NULL);
  pthread_create(&e, NULL, count, NULL);
  pthread_create(&f, NULL, bump, &t);
  pthread_create(&g, NULL, bump, &t);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(d, NULL);
  pthread_join(e, NULL);
  pthread_join(f, NULL);
  pthread_join(g, NULL);
  return in.handled + t.value;
}
