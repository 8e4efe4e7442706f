// C11 <threads.h>: thrd_create starts a thread, thrd_join waits for it,
// mtx_lock/mtx_unlock guard like their pthread counterparts.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <threads.h>

mtx_t tally_mu;
long tally_locked, tally_racy;

int add_locked(void *arg) {
  (void)arg;
  mtx_lock(&tally_mu);
  tally_locked++;
  mtx_unlock(&tally_mu);
  return 0;
}
int add_racy(void *arg) {
  (void)arg;
  tally_racy++;
  return 0;
}

long run(void) {
  thrd_t a, b, c, d;
  mtx_init(&tally_mu, mtx_plain);
  thrd_create(&a, add_locked, 0);
  thrd_create(&b, add_locked, 0);
  thrd_create(&c, add_racy, 0);
  thrd_create(&d, add_racy, 0);
  thrd_join(a, 0);
  thrd_join(b, 0);
  thrd_join(c, 0);
  thrd_join(d, 0);
  return tally_locked + tally_racy; // after every join
}
// CHECK: :19:3: warning: read-modify-write of shared 'tally_racy' on the thread started at line 28 is not atomic and races with it being updated on the thread started at line 29 (no lock held on both sides); make it an _Atomic type or hold one mutex around both{{.*}}[concur-unguarded-shared-state]
// CHECK: :28:3: note: thread entry 'add_racy' starts here
// CHECK: :19:3: note: conflicting write of 'tally_racy' on the thread started at line 29
// CHECK: :29:3: note: thread entry 'add_racy' starts here
