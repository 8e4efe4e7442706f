// Data reached through pointers: a thread's void* argument, a helper's
// pointer parameter, a heap pointer handed over, a thread-local whose
// address escapes. What the pointer points to is the object its argument
// names at the spawn or call.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// ---- Negatives -------------------------------------------------------------

// Each thread gets its own counter.
static void *bump(void *arg) {
  *(int *)arg += 1;
  return NULL;
}
void run_own_counters(void) {
  int first = 0, second = 0;
  pthread_t a, b;
  pthread_create(&a, NULL, bump, &first);
  pthread_create(&b, NULL, bump, &second);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

// A helper fills the caller's own local.
static void fill(int *out) { *out = 7; }
static void *filler(void *arg) {
  (void)arg;
  int mine;
  fill(&mine);
  return NULL;
}
void run_fillers(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, filler, NULL);
  pthread_create(&b, NULL, filler, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

// Read back only after the join.
void run_joined(void) {
  int result = 0;
  pthread_t t;
  pthread_create(&t, NULL, bump, &result);
  pthread_join(t, NULL);
  result = 1;
}

// ---- Positives -------------------------------------------------------------

// The spawner writes the local it handed over while the thread runs.
void run_stack_race(void) {
  int shared_local = 0;
  pthread_t t;
  pthread_create(&t, NULL, bump, &shared_local);
  shared_local = 5;
  pthread_join(t, NULL);
}

// A helper writes a global through its pointer parameter on two threads.
static long total;
static void add_to(long *sum, long n) { *sum += n; }
static void *adder(void *arg) {
  (void)arg;
  add_to(&total, 2);
  return NULL;
}
void run_adders(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, adder, NULL);
  pthread_create(&b, NULL, adder, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

// A heap block handed over, element 0 written on both sides.
static void *first_slot(void *arg) {
  ((int *)arg)[0] = 1;
  return NULL;
}
void run_heap(void) {
  int *block = malloc(4 * sizeof *block);
  pthread_t t;
  pthread_create(&t, NULL, first_slot, block);
  block[0] = 2;
  pthread_join(t, NULL);
  free(block);
}

// The C library writes the array both threads were given.
static int frame[16];
static void *copier(void *arg) {
  memcpy(arg, "abcd", 4);
  return NULL;
}
static void *clearer(void *arg) {
  memset(arg, 0, 4);
  return NULL;
}
void run_frame(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, copier, frame);
  pthread_create(&b, NULL, clearer, frame);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

// A thread-local whose address another thread was given.
void run_tls(void) {
  static __thread int per_thread;
  pthread_t t;
  pthread_create(&t, NULL, bump, &per_thread);
  per_thread = 3;
  pthread_join(t, NULL);
}

// CHECK: :15:3: warning: read-modify-write of shared 'shared_local' on the thread started at line 58 is not atomic and races with it being written in 'run_stack_race' while that thread runs (no lock held on both sides); make it an _Atomic type or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :58:3: note: thread entry 'bump' starts here
// CHECK: :59:3: note: conflicting write of 'shared_local' in 'run_stack_race' while that thread runs
// CHECK: :59:3: warning: shared 'shared_local' is written in 'run_stack_race' while that thread runs with no lock held, and updated on the thread started at line 58 with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :15:3: note: conflicting write of 'shared_local' on the thread started at line 58
// CHECK: :58:3: note: thread entry 'bump' starts here
// CHECK: :65:41: warning: read-modify-write of shared 'total' on the thread started at line 73 is not atomic and races with it being updated on the thread started at line 74 (no lock held on both sides); make it an _Atomic type or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :73:3: note: thread entry 'adder' starts here
// CHECK: :68:3: note: 'adder' calls 'add_to' here
// CHECK: :65:41: note: conflicting write of 'total' on the thread started at line 74
// CHECK: :74:3: note: thread entry 'adder' starts here
// CHECK: :68:3: note: 'adder' calls 'add_to' here
// CHECK: :81:3: warning: shared 'block[0]' is written on the thread started at line 87 with no lock held, and written in 'run_heap' while that thread runs with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :87:3: note: thread entry 'first_slot' starts here
// CHECK: :88:3: note: conflicting write of 'block[0]' in 'run_heap' while that thread runs
// CHECK: :88:3: warning: shared 'block[0]' is written in 'run_heap' while that thread runs with no lock held, and written on the thread started at line 87 with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :81:3: note: conflicting write of 'block[0]' on the thread started at line 87
// CHECK: :87:3: note: thread entry 'first_slot' starts here
// CHECK: :96:10: warning: shared 'frame' is written on the thread started at line 105 with no lock held, and written on the thread started at line 106 with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :105:3: note: thread entry 'copier' starts here
// CHECK: :100:10: note: conflicting write of 'frame' on the thread started at line 106
// CHECK: :106:3: note: thread entry 'clearer' starts here
// CHECK: :100:10: warning: shared 'frame' is written on the thread started at line 106 with no lock held, and written on the thread started at line 105 with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :106:3: note: thread entry 'clearer' starts here
// CHECK: :96:10: note: conflicting write of 'frame' on the thread started at line 105
// CHECK: :105:3: note: thread entry 'copier' starts here
// CHECK: :116:3: warning: shared 'per_thread' is written in 'run_tls' while that thread runs with no lock held, and updated on the thread started at line 115 with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :15:3: note: conflicting write of 'per_thread' on the thread started at line 115
// CHECK: :115:3: note: thread entry 'bump' starts here
