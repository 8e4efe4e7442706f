// RUN: %clang_tidy -checks='-*,concur-wait-without-predicate' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// C: pthread_cond_wait/timedwait with no loop, and a lost wake-up.

#include <pthread.h>
#include <stddef.h>
#include <time.h>

pthread_mutex_t q_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t q_cv = PTHREAD_COND_INITIALIZER;
int items = 0;
int ready = 0;

// ---- Positives -------------------------------------------------------------

void consume_if(void) {
  pthread_mutex_lock(&q_mu);
  if (items == 0)
    pthread_cond_wait(&q_cv, &q_mu);
  items--;
  pthread_mutex_unlock(&q_mu);
}

int consume_timed_if(const struct timespec *until) {
  pthread_mutex_lock(&q_mu);
  if (items == 0)
    pthread_cond_timedwait(&q_cv, &q_mu, until);
  items--; // after a timeout or a spurious wake-up there is no item
  int left = items;
  pthread_mutex_unlock(&q_mu);
  return left;
}

void *wait_ready(void *arg) {
  (void)arg;
  pthread_mutex_lock(&q_mu);
  while (!ready)
    pthread_cond_wait(&q_cv, &q_mu);
  pthread_mutex_unlock(&q_mu);
  return NULL;
}
void set_ready_unlocked(void) {
  ready = 1;
  pthread_cond_signal(&q_cv);
}

// ---- Negatives -------------------------------------------------------------

void consume_loop(void) {
  pthread_mutex_lock(&q_mu);
  while (items == 0)
    pthread_cond_wait(&q_cv, &q_mu);
  items--;
  pthread_mutex_unlock(&q_mu);
}

void produce(void) {
  pthread_mutex_lock(&q_mu);
  items++;
  pthread_cond_signal(&q_cv);
  pthread_mutex_unlock(&q_mu);
}

void set_ready_locked(void) {
  pthread_mutex_lock(&q_mu);
  ready = 1;
  pthread_mutex_unlock(&q_mu);
  pthread_cond_broadcast(&q_cv);
}

// A bounded poll: the timed wait returns after the timeout at the latest,
// and the state is tested again after it, so neither a spurious wake-up
// nor a notify that came first is a hazard.
int consume_timed_poll(const struct timespec *until) {
  pthread_mutex_lock(&q_mu);
  if (items == 0)
    pthread_cond_timedwait(&q_cv, &q_mu, until);
  int got = items > 0;
  if (got) items--;
  pthread_mutex_unlock(&q_mu);
  return got;
}

// Every warning and note above, in output order (line:column).
// CHECK: :19:5: warning: wait on 'q_cv' with no predicate and no loop re-checking the awaited state: it can return on a spurious wake-up, and it sleeps forever if the notify came before it{{.*}}[concur-wait-without-predicate]
// CHECK: :27:5: warning: wait on 'q_cv' with no predicate and no loop re-checking the awaited state: it can return on a spurious wake-up, and it waits out its timeout if the notify came before it{{.*}}[concur-wait-without-predicate]
// CHECK: :43:3: warning: 'ready' is changed without holding 'q_mu' and then 'q_cv' is notified: a waiter that has tested 'ready' under 'q_mu' but not yet started waiting misses the notification and can sleep forever (lost wake-up){{.*}}[concur-wait-without-predicate]
// CHECK: :44:3: note: 'q_cv' is notified here
// CHECK: :38:5: note: the waiter tests 'ready' under 'q_mu' here
