// A C plug-in table: each module is a struct of callbacks with a flag that
// says whether its callback runs under the bucket lock. The worker tests
// the flag before and after the callback; the test stays correlated when
// nothing between the two tests can change what it reads: the callbacks the
// table holds are known (the TU stores only these functions in `visit`),
// and none of them changes `locked_visit` or `module`, although each is
// handed the address of the running state. A store to `module` later in
// the function ends what the path knew only where it happens.
// RUN: %clang_tidy -checks='-*,concur-manual-lock-unlock' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

struct scan_state;
typedef void (*visit_fn)(struct scan_state *st, int bucket);

struct scan_module {
  visit_fn visit;
  bool locked_visit; // whether visit runs with the bucket lock held
};

struct scan_state {
  struct scan_module *module;
  long visited;
  char note[32];
};

static pthread_mutex_t bucket_locks[16];
static struct scan_state current;

static void count_visit(struct scan_state *st, int bucket) { st->visited += bucket; }
static void note_visit(struct scan_state *st, int bucket) { st->note[0] = (char)('a' + bucket); }

static struct scan_module counting = {.visit = count_visit, .locked_visit = true};
static struct scan_module noting = {.visit = note_visit, .locked_visit = false};
static struct scan_module *modules[2] = {&counting, &noting};

void start_scan(int which) { current.module = modules[which]; }

// Negative: released before the callback or after it, under the same flag.
void scan_all(void) {
  for (int b = 0; b < 16; b++) {
    pthread_mutex_lock(&bucket_locks[b]);
    if (!current.module->locked_visit)
      pthread_mutex_unlock(&bucket_locks[b]);
    current.module->visit(&current, b);
    if (current.module->locked_visit)
      pthread_mutex_unlock(&bucket_locks[b]);
  }
  current.module = NULL; // the scan is over: after the loop, not between the tests
}

// Positive: a callback the table may hold switches the module, so the
// second test can disagree with the first.
struct switching_state {
  struct switching_module *module;
};
struct switching_module {
  void (*visit)(struct switching_state *st);
  bool locked_visit;
};
static struct switching_module quiet_module;
static void switch_visit(struct switching_state *st) { st->module = &quiet_module; }
static struct switching_module loud_module = {.visit = switch_visit, .locked_visit = true};
static struct switching_module quiet_module = {.visit = NULL, .locked_visit = false};
static struct switching_state switching = {.module = &loud_module};

void scan_switching(int b) {
  pthread_mutex_lock(&bucket_locks[b]);
  // CHECK: :[[@LINE-1]]:3: warning: 'bucket_locks' is locked here but some paths leave 'scan_switching' without unlocking it
  if (!switching.module->locked_visit)
    pthread_mutex_unlock(&bucket_locks[b]);
  switching.module->visit(&switching);
  if (switching.module->locked_visit)
    pthread_mutex_unlock(&bucket_locks[b]);
}
// CHECK: :[[@LINE-1]]:1: note: 'bucket_locks' is still locked when 'scan_switching' ends here
// CHECK: :[[@LINE-3]]:5: note: 'bucket_locks' is unlocked here on other paths

// Positive: the module changes between the tests.
void scan_and_rotate(int b) {
  pthread_mutex_lock(&bucket_locks[b]);
  // CHECK: :[[@LINE-1]]:3: warning: 'bucket_locks' is locked here but some paths leave 'scan_and_rotate' without unlocking it
  if (!current.module->locked_visit)
    pthread_mutex_unlock(&bucket_locks[b]);
  current.module = modules[b & 1];
  if (current.module->locked_visit)
    pthread_mutex_unlock(&bucket_locks[b]);
}
// CHECK: :[[@LINE-1]]:1: note: 'bucket_locks' is still locked when 'scan_and_rotate' ends here
// CHECK: :[[@LINE-3]]:5: note: 'bucket_locks' is unlocked here on other paths

// Positive: a callback the caller passes in may do anything to the state.
void scan_with(void (*visit)(struct scan_state *, int), int b) {
  pthread_mutex_lock(&bucket_locks[b]);
  // CHECK: :[[@LINE-1]]:3: warning: 'bucket_locks' is locked here but some paths leave 'scan_with' without unlocking it
  if (!current.module->locked_visit)
    pthread_mutex_unlock(&bucket_locks[b]);
  visit(&current, b);
  if (current.module->locked_visit)
    pthread_mutex_unlock(&bucket_locks[b]);
}
// CHECK: :[[@LINE-1]]:1: note: 'bucket_locks' is still locked when 'scan_with' ends here
// CHECK: :[[@LINE-3]]:5: note: 'bucket_locks' is unlocked here on other paths

// Positive: a field handed by address is the callee's to overwrite.
static struct { bool locked; int spare; } mode;
void set_lock_mode(bool *locked);
void scan_with_mode(int b) {
  pthread_mutex_lock(&bucket_locks[b]);
  // CHECK: :[[@LINE-1]]:3: warning: 'bucket_locks' is locked here but some paths leave 'scan_with_mode' without unlocking it
  if (!mode.locked)
    pthread_mutex_unlock(&bucket_locks[b]);
  set_lock_mode(&mode.locked);
  if (mode.locked)
    pthread_mutex_unlock(&bucket_locks[b]);
}
// CHECK: :[[@LINE-1]]:1: note: 'bucket_locks' is still locked when 'scan_with_mode' ends here
// CHECK: :[[@LINE-3]]:5: note: 'bucket_locks' is unlocked here on other paths
