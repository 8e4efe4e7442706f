// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// C: globals and a struct reached through pthread_create's void* argument, shared by pthreads.

#include <pthread.h>
#include <stddef.h>

// ---- Positives -------------------------------------------------------------

long hits = 0;
void *bump_hits(void *arg) {
  (void)arg;
  hits++;
  return NULL;
}
void start_hits(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, bump_hits, NULL);
  pthread_create(&b, NULL, bump_hits, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

int progress = 0;
void *advance(void *arg) {
  (void)arg;
  progress = 100;
  return NULL;
}
int peek_progress(void) {
  pthread_t t;
  pthread_create(&t, NULL, advance, NULL);
  int seen = progress;
  pthread_join(t, NULL);
  return seen;
}

pthread_mutex_t half_mu = PTHREAD_MUTEX_INITIALIZER;
long half = 0;
void *half_locked(void *arg) {
  (void)arg;
  pthread_mutex_lock(&half_mu);
  half += 2;
  pthread_mutex_unlock(&half_mu);
  half = 0;
  return NULL;
}
void start_half(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, half_locked, NULL);
  pthread_create(&b, NULL, half_locked, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

struct tally { int count; };
void *tally_up(void *arg) {
  struct tally *t = arg;
  t->count++;
  return NULL;
}
int start_tally(void) {
  struct tally shared = {0};
  pthread_t a, b;
  pthread_create(&a, NULL, tally_up, &shared);
  pthread_create(&b, NULL, tally_up, &shared);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return shared.count;
}

// ---- Negatives -------------------------------------------------------------

pthread_mutex_t safe_mu = PTHREAD_MUTEX_INITIALIZER;
long safe_hits = 0;
void *bump_safe(void *arg) {
  (void)arg;
  pthread_mutex_lock(&safe_mu);
  safe_hits++;
  pthread_mutex_unlock(&safe_mu);
  return NULL;
}
void start_safe(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, bump_safe, NULL);
  pthread_create(&b, NULL, bump_safe, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

int result = 0;
void *produce(void *arg) {
  (void)arg;
  result = 42;
  return NULL;
}
int read_after_join(void) {
  pthread_t t;
  pthread_create(&t, NULL, produce, NULL);
  pthread_join(t, NULL);
  return result;
}

int limit = 0;
long slots[2];
void *use_limit(void *arg) {
  long i = (long)arg;
  slots[i] = limit * 2;
  return NULL;
}
long set_before_spawn(int n) {
  limit = n;
  pthread_t a, b;
  pthread_create(&a, NULL, use_limit, (void *)0L);
  pthread_create(&b, NULL, use_limit, (void *)1L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return slots[0] + slots[1];
}

int table[16];
pthread_once_t table_once = PTHREAD_ONCE_INIT;
void init_table(void) {
  for (int i = 0; i < 16; ++i) table[i] = i;
}
void *use_table(void *arg) {
  (void)arg;
  pthread_once(&table_once, init_table);
  return (void *)(long)table[3];
}
void start_table(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, use_table, NULL);
  pthread_create(&b, NULL, use_table, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

pthread_rwlock_t cfg_rw = PTHREAD_RWLOCK_INITIALIZER;
int cfg_level = 1;
void *cfg_reader(void *arg) {
  (void)arg;
  pthread_rwlock_rdlock(&cfg_rw);
  int v = cfg_level;
  pthread_rwlock_unlock(&cfg_rw);
  return (void *)(long)v;
}
void *cfg_writer(void *arg) {
  (void)arg;
  pthread_rwlock_wrlock(&cfg_rw);
  cfg_level++;
  pthread_rwlock_unlock(&cfg_rw);
  return NULL;
}
void start_cfg(void) {
  pthread_t r, w;
  pthread_create(&r, NULL, cfg_reader, NULL);
  pthread_create(&w, NULL, cfg_writer, NULL);
  pthread_join(r, NULL);
  pthread_join(w, NULL);
}

// Every warning and note above, in output order (line:column).
// CHECK: :13:3: warning: read-modify-write of shared 'hits' on the thread started at line 18 is not atomic and races with it being updated on the thread started at line 19 (no lock held on both sides){{.*}}[concur-unguarded-shared-state]
// CHECK: :18:3: note: thread entry 'bump_hits' starts here
// CHECK: :13:3: note: conflicting write of 'hits' on the thread started at line 19
// CHECK: :19:3: note: thread entry 'bump_hits' starts here
// CHECK: :27:3: warning: shared 'progress' is written on the thread started at line 32 with no lock held, and read in 'peek_progress' while that thread runs with no lock held{{.*}}[concur-unguarded-shared-state]
// CHECK: :32:3: note: thread entry 'advance' starts here
// CHECK: :33:14: note: conflicting read of 'progress' in 'peek_progress' while that thread runs
// CHECK: :45:3: warning: shared 'half' is written on the thread started at line 50 with no lock held, and updated on the thread started at line 51 with only 'half_mu' held{{.*}}[concur-unguarded-shared-state]
// CHECK: :50:3: note: thread entry 'half_locked' starts here
// CHECK: :43:3: note: conflicting write of 'half' on the thread started at line 51
// CHECK: :51:3: note: thread entry 'half_locked' starts here
// CHECK: :42:3: note: 'half_mu' is held here
// CHECK: :59:6: warning: read-modify-write of shared 'tally::count' on the thread started at line 65 is not atomic and races with it being updated on the thread started at line 66 (no lock held on both sides){{.*}}[concur-unguarded-shared-state]
// CHECK: :65:3: note: thread entry 'tally_up' starts here
// CHECK: :59:6: note: conflicting write of 'tally::count' on the thread started at line 66
// CHECK: :66:3: note: thread entry 'tally_up' starts here
