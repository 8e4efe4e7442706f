// RUN: %clang_tidy -checks='-*,concur-blocking-call-under-lock' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// C: read() and sleep() while a pthread mutex is held.

#include <pthread.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

pthread_mutex_t reading_mu = PTHREAD_MUTEX_INITIALIZER;
char buf[64];
long len = 0;

// ---- Positives -------------------------------------------------------------

void poll_locked(int fd) {
  pthread_mutex_lock(&reading_mu);
  len = read(fd, buf, sizeof buf);
  sleep(1);
  pthread_mutex_unlock(&reading_mu);
}

void read_helper(int fd) { len = read(fd, buf, sizeof buf); }
void poll_through_helper(int fd) {
  pthread_mutex_lock(&reading_mu);
  read_helper(fd);
  pthread_mutex_unlock(&reading_mu);
}

// ---- Negatives -------------------------------------------------------------

void poll_unlocked(int fd) {
  char local[64];
  long n = read(fd, local, sizeof local);
  pthread_mutex_lock(&reading_mu);
  if (n > 0) memcpy(buf, local, (size_t)n);
  len = n;
  pthread_mutex_unlock(&reading_mu);
  sleep(1);
}

pthread_cond_t data_cv = PTHREAD_COND_INITIALIZER;
long wait_for_data(void) {
  pthread_mutex_lock(&reading_mu);
  while (len == 0)
    pthread_cond_wait(&data_cv, &reading_mu);
  long n = len;
  pthread_mutex_unlock(&reading_mu);
  return n;
}

long current(void) {
  pthread_mutex_lock(&reading_mu);
  long n = len;
  pthread_mutex_unlock(&reading_mu);
  return n;
}

// Every warning and note above, in output order (line:column).
// CHECK: :18:9: warning: blocking I/O call to 'read' while holding 'reading_mu': every thread that needs 'reading_mu' stalls until it returns{{.*}}[concur-blocking-call-under-lock]
// CHECK: :17:3: note: 'reading_mu' is acquired here
// CHECK: :35:3: note: 'poll_unlocked' also takes 'reading_mu' here and waits meanwhile
// CHECK: :19:3: warning: sleep call to 'sleep' while holding 'reading_mu': every thread that needs 'reading_mu' stalls until it returns{{.*}}[concur-blocking-call-under-lock]
// CHECK: :17:3: note: 'reading_mu' is acquired here
// CHECK: :35:3: note: 'poll_unlocked' also takes 'reading_mu' here and waits meanwhile
// CHECK: :26:3: warning: 'read_helper' reaches blocking I/O call 'read' while 'reading_mu' is held here: every thread that needs 'reading_mu' stalls until it returns{{.*}}[concur-blocking-call-under-lock]
// CHECK: :23:34: note: 'read' blocks here (blocking I/O)
// CHECK: :25:3: note: 'reading_mu' is acquired here
// CHECK: :35:3: note: 'poll_unlocked' also takes 'reading_mu' here and waits meanwhile
