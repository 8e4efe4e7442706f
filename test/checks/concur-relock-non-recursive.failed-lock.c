// A lock call that fails takes nothing: on the branch that sees a non-zero
// status the mutex is not held, whether the status is tested at once or
// kept in a local first. A wrapper that lets go of its caller's mutex by
// its parameter before it calls something that locks that mutex does not
// relock it either.
// RUN: %clang_tidy -checks='-*,concur-relock-non-recursive' %s -- -std=c11 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int stopping;

static void request_stop(void) {
  pthread_mutex_lock(&state_lock);
  stopping = 1;
  pthread_mutex_unlock(&state_lock);
}

static void die(int code) {
  pthread_mutex_lock(&log_lock);
  fputs("fatal\n", stderr);
  pthread_mutex_unlock(&log_lock);
  exit(code);
}

void *watchdog(void *arg) {
  int rc = pthread_mutex_lock(&state_lock);
  if (rc != 0) {
    request_stop(); // state_lock was not taken: no relock
    die(1);
  }
  while (!stopping) {
  }
  pthread_mutex_unlock(&state_lock);
  return arg;
}

static inline void release_or_die(pthread_mutex_t *m) {
  int rc = pthread_mutex_unlock(m);
  if (rc != 0)
    die(2); // m is let go of (or was never ours) before die() locks log_lock
}

void log_line(const char *text) {
  pthread_mutex_lock(&log_lock);
  fputs(text, stderr);
  release_or_die(&log_lock);
}

// Kept positive: the branch that saw success holds the mutex.
void stop_twice(void) {
  int rc = pthread_mutex_lock(&state_lock);
  if (rc == 0)
    // CHECK: :[[@LINE+1]]:5: warning: 'request_stop' locks 'state_lock', which this path already holds{{.*}}[concur-relock-non-recursive]
    request_stop();
  // CHECK: :17:3: note: 'state_lock' is locked again here
  // CHECK: :[[@LINE-5]]:12: note: 'state_lock' is first acquired here
  pthread_mutex_unlock(&state_lock);
}

// Kept positive: a wrapper that calls die() while it still holds m.
static inline void check_then_release(pthread_mutex_t *m, int ok) {
  if (!ok)
    die(3);
  pthread_mutex_unlock(m);
}

void log_checked(const char *text, int ok) {
  pthread_mutex_lock(&log_lock);
  fputs(text, stderr);
  // CHECK: :[[@LINE+1]]:3: warning: 'check_then_release' locks 'log_lock', which this path already holds{{.*}}[concur-relock-non-recursive]
  check_then_release(&log_lock, ok);
  // CHECK: :67:5: note: 'check_then_release' calls 'die' here
  // CHECK: :23:3: note: 'log_lock' is locked again here
  // CHECK: :[[@LINE-6]]:3: note: 'log_lock' is first acquired here
}
