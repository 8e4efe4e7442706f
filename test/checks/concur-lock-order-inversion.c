// RUN: %clang_tidy -checks='-*,concur-lock-order-inversion' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// C: two pthread mutexes taken in opposite orders by two thread functions.

#include <pthread.h>
#include <stddef.h>

// ---- Positive: two thread functions, opposite orders ---------------------

pthread_mutex_t from_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t to_mu = PTHREAD_MUTEX_INITIALIZER;
long from_bal = 100, to_bal = 0;
void *pay(void *arg) {
  (void)arg;
  pthread_mutex_lock(&from_mu);
  pthread_mutex_lock(&to_mu);
  from_bal -= 10; to_bal += 10;
  pthread_mutex_unlock(&to_mu);
  pthread_mutex_unlock(&from_mu);
  return NULL;
}
void *refund(void *arg) {
  (void)arg;
  pthread_mutex_lock(&to_mu);
  pthread_mutex_lock(&from_mu);
  to_bal -= 10; from_bal += 10;
  pthread_mutex_unlock(&from_mu);
  pthread_mutex_unlock(&to_mu);
  return NULL;
}
void start_transfers(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, pay, NULL);
  pthread_create(&b, NULL, refund, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

// ---- Negatives -------------------------------------------------------------

// One order everywhere.
pthread_mutex_t first_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t second_mu = PTHREAD_MUTEX_INITIALIZER;
int pair_a = 0, pair_b = 0;
void *ordered_one(void *arg) {
  (void)arg;
  pthread_mutex_lock(&first_mu);
  pthread_mutex_lock(&second_mu);
  pair_a++;
  pthread_mutex_unlock(&second_mu);
  pthread_mutex_unlock(&first_mu);
  return NULL;
}
void *ordered_two(void *arg) {
  (void)arg;
  pthread_mutex_lock(&first_mu);
  pthread_mutex_lock(&second_mu);
  pair_b++;
  pthread_mutex_unlock(&second_mu);
  pthread_mutex_unlock(&first_mu);
  return NULL;
}
void start_ordered(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, ordered_one, NULL);
  pthread_create(&b, NULL, ordered_two, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

// Opposite orders, but a gate lock serialises them.
pthread_mutex_t gate_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t left_mu = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t right_mu = PTHREAD_MUTEX_INITIALIZER;
int gated = 0;
void *gated_lr(void *arg) {
  (void)arg;
  pthread_mutex_lock(&gate_mu);
  pthread_mutex_lock(&left_mu);
  pthread_mutex_lock(&right_mu);
  gated++;
  pthread_mutex_unlock(&right_mu);
  pthread_mutex_unlock(&left_mu);
  pthread_mutex_unlock(&gate_mu);
  return NULL;
}
void *gated_rl(void *arg) {
  (void)arg;
  pthread_mutex_lock(&gate_mu);
  pthread_mutex_lock(&right_mu);
  pthread_mutex_lock(&left_mu);
  gated--;
  pthread_mutex_unlock(&left_mu);
  pthread_mutex_unlock(&right_mu);
  pthread_mutex_unlock(&gate_mu);
  return NULL;
}
void start_gated(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, gated_lr, NULL);
  pthread_create(&b, NULL, gated_rl, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

// Every warning and note above, in output order (line:column).
// CHECK: :16:3: warning: lock order inversion: 'pay' acquires 'to_mu' while holding 'from_mu', but 'refund' acquires 'from_mu' while holding 'to_mu'{{.*}}[concur-lock-order-inversion]
// CHECK: :15:3: note: 'pay' holds 'from_mu' from here
// CHECK: :16:3: note: 'to_mu' is acquired while 'from_mu' is held here
// CHECK: :24:3: note: 'refund' holds 'to_mu' from here
// CHECK: :25:3: note: 'from_mu' is acquired while 'to_mu' is held here
