// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A function that returns holding a lock only with one result, as a
// try-lock does: the caller holds the lock on the branch that saw that
// result, until the function that releases it.
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static int open_slots = 4;
long rows;      // written only after a 0 from table_claim: no race
long refusals;  // written where table_claim said -1, lock not held: a race
long finds;     // written only with a non-null table_entry: no race

// 0: a slot is claimed and table_mu stays held until table_done; -1: full.
static int table_claim(void) {
  pthread_mutex_lock(&table_mu);
  if (open_slots == 0) {
    pthread_mutex_unlock(&table_mu);
    return -1;
  }
  --open_slots;
  return 0;
}

static void table_done(void) { pthread_mutex_unlock(&table_mu); }

// The row, with table_mu held; NULL (not held) when there is none.
static long *table_entry(int slot) {
  pthread_mutex_lock(&table_mu);
  if (slot < 0 || slot >= 4) {
    pthread_mutex_unlock(&table_mu);
    return NULL;
  }
  return &rows;
}

static void *writer(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; ++i) {
    if (table_claim() == 0) {
      rows++;
      table_done();
    } else {
      refusals++;
    }
    long *row;
    if ((row = table_entry(i % 8)) != NULL) {
      finds++;
      table_done();
    }
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, writer, NULL);
  pthread_create(&b, NULL, writer, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}

// CHECK: :45:7: warning: read-modify-write of shared 'refusals' on the thread started at line 58 is not atomic and races with it being updated on the thread started at line 59 (no lock held on both sides){{.*}}[concur-unguarded-shared-state]
// CHECK: :58:3: note: thread entry 'writer' starts here
// CHECK: :45:7: note: conflicting write of 'refusals' on the thread started at line 59
// CHECK: :59:3: note: thread entry 'writer' starts here
