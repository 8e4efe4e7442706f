// RUN: %clang_tidy -checks='-*,concur-manual-lock-unlock' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// C: pthread_mutex_lock with a return or break that skips pthread_mutex_unlock.

#include <pthread.h>
#include <stdlib.h>

pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
int keys[8], vals[8];
int head = 0;

// ---- Positives -------------------------------------------------------------

int lookup(int key) {
  pthread_mutex_lock(&cache_mu);
  for (int i = 0; i < 8; ++i)
    if (keys[i] == key)
      return vals[i];
  pthread_mutex_unlock(&cache_mu);
  return -1;
}

int drain(void) {
  int sum = 0;
  for (;;) {
    pthread_mutex_lock(&cache_mu);
    if (head == 8)
      break;
    sum += vals[head++];
    pthread_mutex_unlock(&cache_mu);
  }
  return sum;
}

// ---- Negatives -------------------------------------------------------------

int lookup_every_path(int key) {
  pthread_mutex_lock(&cache_mu);
  for (int i = 0; i < 8; ++i)
    if (keys[i] == key) {
      int v = vals[i];
      pthread_mutex_unlock(&cache_mu);
      return v;
    }
  pthread_mutex_unlock(&cache_mu);
  return -1;
}

int claim(size_t n, char **slots) {
  int got = -1;
  pthread_mutex_lock(&cache_mu);
  for (int i = 0; i < 4; ++i) {
    if (slots[i]) continue;
    slots[i] = malloc(n);
    if (!slots[i]) goto out;
    got = i;
    goto out;
  }
out:
  pthread_mutex_unlock(&cache_mu);
  return got;
}

int threaded = 0;
long total = 0;
void maybe_locked_add(long n) {
  if (threaded)
    pthread_mutex_lock(&cache_mu);
  total += n;
  if (threaded)
    pthread_mutex_unlock(&cache_mu);
}

// Every warning and note above, in output order (line:column).
// CHECK: :15:3: warning: 'cache_mu' is locked here but some paths leave 'lookup' without unlocking it (a return){{.*}}[concur-manual-lock-unlock]
// CHECK: :18:7: note: this return leaves 'cache_mu' locked
// CHECK: :19:3: note: 'cache_mu' is unlocked here on other paths
// CHECK: :26:5: warning: 'cache_mu' is locked here but some paths leave 'drain' without unlocking it (a break){{.*}}[concur-manual-lock-unlock]
// CHECK: :28:7: note: this break leaves 'cache_mu' locked
// CHECK: :30:5: note: 'cache_mu' is unlocked here on other paths
