// Which unlocks count: one that the lock's own paths reach, not one in
// another switch arm; relocking a lock the function released for a while
// (the caller's) gives it back; a test of a field behind a pointer that the
// function never changes correlates its branches.
// RUN: %clang_tidy -checks='-*,concur-manual-lock-unlock' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t hang_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t scan_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t bucket_locks[16];
int scanned, failed;

// Pause takes the lock and returns holding it; resume releases it.
void set_paused(int pause) {
  switch (pause) {
  case 1:
    pthread_mutex_lock(&hang_lock);
    break;
  case 0:
    pthread_mutex_unlock(&hang_lock);
    break;
  default:
    break;
  }
}

// Called with scan_lock held; lets others in between batches.
void scan_all(int n) {
  for (int i = 0; i < n; i++) {
    if (i % 8 == 0) {
      pthread_mutex_unlock(&scan_lock);
      usleep(10);
      pthread_mutex_lock(&scan_lock);
      continue;
    }
    scanned++;
  }
}

struct visit_mode {
  int needs_lock;
};
struct crawler {
  struct visit_mode *mode;
} active;
struct visit_mode *next_mode(void);
void visit(int);

void crawl_one(int i) {
  pthread_mutex_lock(&bucket_locks[i]);
  if (!active.mode->needs_lock)
    pthread_mutex_unlock(&bucket_locks[i]);
  visit(i);
  if (active.mode->needs_lock)
    pthread_mutex_unlock(&bucket_locks[i]);
}

// Kept positives: an early return inside the arm that locks; the mode
// re-pointed between the two tests.
int pause_checked(int pause) {
  switch (pause) {
  case 1:
    pthread_mutex_lock(&hang_lock);
    if (failed)
      return -1;
    scanned = 0;
    pthread_mutex_unlock(&hang_lock);
    break;
  default:
    break;
  }
  return 0;
}

void crawl_switching(int i) {
  pthread_mutex_lock(&bucket_locks[i]);
  if (!active.mode->needs_lock)
    pthread_mutex_unlock(&bucket_locks[i]);
  active.mode = next_mode();
  visit(i);
  if (active.mode->needs_lock)
    pthread_mutex_unlock(&bucket_locks[i]);
}
// CHECK: :65:5: warning: 'hang_lock' is locked here but some paths leave 'pause_checked' without unlocking it (a return); other threads then block on it forever: unlock it on every path, e.g. leave through one exit that unlocks [concur-manual-lock-unlock]
// CHECK: :67:7: note: this return leaves 'hang_lock' locked
// CHECK: :69:5: note: 'hang_lock' is unlocked here on other paths
// CHECK: :78:3: warning: 'bucket_locks' is locked here but some paths leave 'crawl_switching' without unlocking it (the end of the function)
// CHECK: :85:1: note: 'bucket_locks' is still locked when 'crawl_switching' ends here
// CHECK: :84:5: note: 'bucket_locks' is unlocked here on other paths
