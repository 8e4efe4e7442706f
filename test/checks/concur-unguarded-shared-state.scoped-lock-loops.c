// C has no destructors, so C code makes scoped locks from `for`: a loop
// that locks on its first test (or in its initialiser) and unlocks on its
// second (or in its increment) runs its body once, with the lock held. A
// `break` in the body leaves through the unlock. What the body does is
// guarded; what follows the loop is not.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state,concur-manual-lock-unlock' %s -- -std=c11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>

static inline void take(pthread_mutex_t *m) {
  int rc = pthread_mutex_lock(m);
  (void)rc;
}
static inline void give(pthread_mutex_t *m) { pthread_mutex_unlock(m); }

// Locks on the first test, unlocks on the second; the inner loop makes
// `break` leave the body only.
#define guarded_by(m) guarded_by_at(m, __LINE__)
#define guarded_by_at(m, line) guarded_by_line(m, line)
#define guarded_by_line(m, line)                                                     \
  for (unsigned entered_##line = 0; entered_##line ? (give(&(m)), 0) : (take(&(m)), 1); \
       entered_##line = 1)                                                           \
    for (unsigned ran_##line = 0; !ran_##line; ran_##line = 1)

// Locks in the initialiser, unlocks in the increment.
#define holding(m) for (int done_ = (pthread_mutex_lock(&(m)), 0); !done_; pthread_mutex_unlock(&(m)), done_ = 1)

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int queued;
static int served;
static int last_seen;

static void *serve(void *arg) {
  guarded_by(queue_lock) {
    if (queued == 0)
      break;
    --queued;
  }
  holding(queue_lock) { ++served; }
  ++last_seen; // after the loops: the lock is let go of
  return arg;
}

int main(void) {
  pthread_t a, b;
  queued = 8;
  pthread_create(&a, NULL, serve, NULL);
  pthread_create(&b, NULL, serve, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return served;
}

// CHECK: :40:5: warning: read-modify-write of shared 'last_seen' on the thread started at line 47 is not atomic and races with it being updated on the thread started at line 48 (no lock held on both sides){{.*}}[concur-unguarded-shared-state]
// CHECK: :47:3: note: thread entry 'serve' starts here
// CHECK: :40:5: note: conflicting write of 'last_seen' on the thread started at line 48
// CHECK: :48:3: note: thread entry 'serve' starts here
