// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'

// The commonest C thread pool: one slot per thread, each thread handed its
// own (`&slots[i]`, `slots + i`) by a spawn inside the loop over i. Two
// instances of that spawn touch two slots (SharedAccesses::
// ownElementOfInstance), also through a local copy of the argument and
// through a spawn wrapper.

#include <pthread.h>
#include <stddef.h>

typedef struct {
  pthread_t id;
  long served;
} slot_t;

slot_t slots[4];
slot_t spare[4];

static void start(pthread_t *t, void *(*fn)(void *), void *arg) {
  pthread_create(t, NULL, fn, arg);
}

static void *serve(void *arg) {
  slot_t *me = arg;
  me->served++;
  return NULL;
}

static void *serve_direct(void *arg) {
  ((slot_t *)arg)->served++;
  return NULL;
}

// Negative: each thread its own slot.
void serve_all(void) {
  for (int i = 0; i < 4; i++)
    pthread_create(&slots[i].id, NULL, serve, &slots[i]);
  for (int i = 0; i < 4; i++)
    pthread_join(slots[i].id, NULL);
}

// Negative: the same through pointer arithmetic and a wrapper.
void serve_spares(void) {
  for (int i = 0; i < 4; i++)
    start(&spare[i].id, serve_direct, spare + i);
  for (int i = 0; i < 4; i++)
    pthread_join(spare[i].id, NULL);
}

// Positive: every thread handed the first slot.
void serve_first(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, serve, &slots[0]);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
}

// CHECK: :27:7: warning: read-modify-write of shared 'slot_t::served' on the thread started at line 56 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides); make it an _Atomic type or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :56:5: note: thread entry 'serve' starts here
