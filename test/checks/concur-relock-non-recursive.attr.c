// PTHREAD_MUTEX_RECURSIVE set through an attribute makes recursive the
// mutex that pthread_mutex_init() gives that attribute, and no other.
// RUN: %clang_tidy -checks='-*,concur-relock-non-recursive' %s -- 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>

pthread_mutex_t nested_mu;
pthread_mutex_t plain_mu;
int depth = 0;

void setup(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&nested_mu, &attr);
  pthread_mutex_init(&plain_mu, 0);
}

void nested(void) {
  pthread_mutex_lock(&nested_mu);
  pthread_mutex_lock(&nested_mu); // recursive: fine
  ++depth;
  pthread_mutex_unlock(&nested_mu);
  pthread_mutex_unlock(&nested_mu);
}

// Kept positive: the other mutex of the file was not made recursive.
void plain(void) {
  pthread_mutex_lock(&plain_mu);
  // CHECK: :[[@LINE+1]]:3: warning: {{.*}}'plain_mu'{{.*}}[concur-relock-non-recursive]
  pthread_mutex_lock(&plain_mu);
  ++depth;
  pthread_mutex_unlock(&plain_mu);
  pthread_mutex_unlock(&plain_mu);
}
// CHECK: :29:3: note: 'plain_mu' is first acquired here
