// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A helper that takes the lock only when its `locked` argument says the
// caller has not: with the flag set, its caller holds the lock, so the
// counter it updates is guarded on both paths. A helper that takes the
// lock on one path only, by a flag it changes itself, guards nothing.
#include <pthread.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long total;    // always under stats_mu: no race
static long sampled;  // bare when the flag is cleared inside: a race

static void stats_add(long n, int locked) {
  if (!locked)
    pthread_mutex_lock(&stats_mu);
  total += n;
  if (!locked)
    pthread_mutex_unlock(&stats_mu);
}

static void stats_sample(long n, int lock) {
  if (n < 0)
    lock = 0;
  if (lock)
    pthread_mutex_lock(&stats_mu);
  sampled += n;
  // CHECK: :[[@LINE-1]]:3: warning: read-modify-write of shared 'sampled' on the thread started at line 47 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides); make it an _Atomic type or hold one mutex around both [concur-unguarded-shared-state]
  // CHECK: :47:5: note: thread entry 'worker' starts here
  // CHECK: :40:3: note: 'worker' calls 'stats_sample' here
  if (lock)
    pthread_mutex_unlock(&stats_mu);
}

static void *worker(void *arg) {
  long n = (long)arg;
  stats_add(n, 0);
  pthread_mutex_lock(&stats_mu);
  stats_add(n, 1);
  pthread_mutex_unlock(&stats_mu);
  stats_sample(n, 1);
  return 0;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, worker, (void *)(long)i);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return (int)(total + sampled);
}
