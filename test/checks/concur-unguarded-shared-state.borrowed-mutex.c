// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A worker's argument carries a pointer to the mutex that guards the
// counter: every job stores the same mutex in it, so locking `job->lock`
// is locking `count_mu`, and the counter is guarded on both sides. Jobs
// that store two different mutexes in their pointer guard nothing in
// common with a thread that locks one of them by name.
#include <pthread.h>

struct job {
  pthread_mutex_t *lock;
  int rounds;
};

struct shard_job {
  pthread_mutex_t *lock;
};

static pthread_mutex_t count_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t shard_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t shard_b = PTHREAD_MUTEX_INITIALIZER;
static long count;  // under count_mu, by name or through job->lock: no race
static long shared; // under shard_a or shard_b, whichever the job holds: a race

static void *count_rounds(void *arg) {
  struct job *j = arg;
  for (int i = 0; i < j->rounds; i++) {
    pthread_mutex_lock(j->lock);
    count++;
    pthread_mutex_unlock(j->lock);
  }
  return 0;
}

static void *touch_shard(void *arg) {
  struct shard_job *j = arg;
  pthread_mutex_lock(j->lock);
  shared++;
  pthread_mutex_unlock(j->lock);
  return 0;
}

int main(void) {
  struct job first = {&count_mu, 10};
  struct job second;
  second.lock = &count_mu;
  second.rounds = 20;
  struct shard_job a = {&shard_a}, b = {&shard_b};
  pthread_t t[4];
  pthread_create(&t[0], 0, count_rounds, &first);
  pthread_create(&t[1], 0, count_rounds, &second);
  pthread_create(&t[2], 0, touch_shard, &a);
  pthread_create(&t[3], 0, touch_shard, &b);
  pthread_mutex_lock(&count_mu);
  count = 0;
  pthread_mutex_unlock(&count_mu);
  pthread_mutex_lock(&shard_a);
  shared = 0;
  pthread_mutex_unlock(&shard_a);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  return 0;
}

// CHECK: :38:3: warning: read-modify-write of shared 'shared' on the thread started at line 52 is not atomic and races with it being written in 'main' while that thread runs (no common lock held on both sides){{.*}}[concur-unguarded-shared-state]
// CHECK: :52:3: note: thread entry 'touch_shard' starts here
// CHECK: :37:3: note: 'shard_job::lock' is held here
// CHECK: :58:3: note: conflicting write of 'shared' in 'main' while that thread runs
// CHECK: :57:3: note: 'shard_a' is held here
// CHECK: :58:3: warning: shared 'shared' is written in 'main' while that thread runs with only 'shard_a' held, and updated on the thread started at line 52 with only 'shard_job::lock' held{{.*}}[concur-unguarded-shared-state]
// CHECK: :57:3: note: 'shard_a' is held here
// CHECK: :38:3: note: conflicting write of 'shared' on the thread started at line 52
// CHECK: :52:3: note: thread entry 'touch_shard' starts here
// CHECK: :37:3: note: 'shard_job::lock' is held here
