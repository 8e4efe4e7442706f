// RUN: %clang_tidy -checks='-*,concur-relock-non-recursive' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// C: a default (non-recursive) pthread mutex locked again by its holder.

#include <pthread.h>

pthread_mutex_t reg_mu = PTHREAD_MUTEX_INITIALIZER;
const char *names[16];
int used = 0;

// ---- Positives -------------------------------------------------------------

void twice(const char *name) {
  pthread_mutex_lock(&reg_mu);
  names[used++] = name;
  pthread_mutex_lock(&reg_mu);
  pthread_mutex_unlock(&reg_mu);
  pthread_mutex_unlock(&reg_mu);
}

int count_names(void) {
  pthread_mutex_lock(&reg_mu);
  int n = used;
  pthread_mutex_unlock(&reg_mu);
  return n;
}

int add_name(const char *name) {
  pthread_mutex_lock(&reg_mu);
  if (count_names() >= 16) {
    pthread_mutex_unlock(&reg_mu);
    return -1;
  }
  names[used++] = name;
  pthread_mutex_unlock(&reg_mu);
  return 0;
}

// ---- Negatives -------------------------------------------------------------

static int count_names_locked(void) { return used; }

int add_name_split(const char *name) {
  pthread_mutex_lock(&reg_mu);
  if (count_names_locked() >= 16) {
    pthread_mutex_unlock(&reg_mu);
    return -1;
  }
  names[used++] = name;
  pthread_mutex_unlock(&reg_mu);
  return 0;
}

void unlock_then_relock(const char *name) {
  pthread_mutex_lock(&reg_mu);
  names[used++] = name;
  pthread_mutex_unlock(&reg_mu);
  pthread_mutex_lock(&reg_mu);
  used--;
  pthread_mutex_unlock(&reg_mu);
}

int call_after_unlock(const char *name) {
  pthread_mutex_lock(&reg_mu);
  names[used++] = name;
  pthread_mutex_unlock(&reg_mu);
  return count_names();
}

// Every warning and note above, in output order (line:column).
// CHECK: :16:3: warning: 'reg_mu' is locked again while this path already holds it{{.*}}[concur-relock-non-recursive]
// CHECK: :14:3: note: 'reg_mu' is first acquired here
// CHECK: :30:7: warning: 'count_names' locks 'reg_mu', which this path already holds{{.*}}[concur-relock-non-recursive]
// CHECK: :22:3: note: 'reg_mu' is locked again here
// CHECK: :29:3: note: 'reg_mu' is first acquired here
