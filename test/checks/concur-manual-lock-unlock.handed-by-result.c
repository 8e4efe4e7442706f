// RUN: %clang_tidy -checks='-*,concur-manual-lock-unlock' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A lock handed to the caller by the result, as pthread_mutex_trylock hands
// over its mutex with a 0: the function returns holding it only with the
// result that says "done", and another function of the file is the unlock
// half. An error return that leaves the lock held is still a leak.

#include <pthread.h>
#include <stddef.h>

struct slab {
  pthread_mutex_t mu;
  int used, cap;
  char *buf;
};
struct arena {
  struct slab slabs[4];
};

// ---- Negatives -------------------------------------------------------------

// 0: room reserved, the slab stays locked until slab_commit; -1: no room.
int slab_reserve(struct arena *a, int which, int len, char **out) {
  int busy = -1;
  if (which >= 4)
    return busy;
  struct slab *s = &a->slabs[which];
  pthread_mutex_lock(&s->mu);
  if (s->used + len > s->cap) {
    pthread_mutex_unlock(&s->mu);
    return busy;
  }
  *out = s->buf + s->used;
  return 0;
}

void slab_commit(struct arena *a, int which, int len) {
  struct slab *s = &a->slabs[which];
  s->used += len;
  pthread_mutex_unlock(&s->mu);
}

// The first slab with room, locked; NULL when every slab is full.
struct slab *slab_with_room(struct arena *a, int len) {
  for (int i = 0; i < 4; ++i) {
    struct slab *s = &a->slabs[i];
    pthread_mutex_lock(&s->mu);
    if (s->used + len <= s->cap)
      return s;
    pthread_mutex_unlock(&s->mu);
  }
  return NULL;
}

// ---- Positives -------------------------------------------------------------

// -1 reports a failure, yet leaves the slab locked.
int slab_reset(struct arena *a, int which) {
  struct slab *s = &a->slabs[which];
  pthread_mutex_lock(&s->mu);
  if (s->buf == NULL)
    return -1;
  s->used = 0;
  pthread_mutex_unlock(&s->mu);
  return 0;
}

// Both results leave it held on some path: the result says nothing.
int slab_used(struct arena *a, int which) {
  struct slab *s = &a->slabs[which];
  pthread_mutex_lock(&s->mu);
  if (s->used > s->cap)
    return s->used;
  int n = s->used;
  pthread_mutex_unlock(&s->mu);
  return n;
}

// Every warning and note above, in output order (line:column).
// CHECK: :60:3: warning: 'slab::mu' is locked here but some paths leave 'slab_reset' without unlocking it (a return){{.*}}[concur-manual-lock-unlock]
// CHECK: :62:5: note: this return leaves 'slab::mu' locked
// CHECK: :64:3: note: 'slab::mu' is unlocked here on other paths
// CHECK: :71:3: warning: 'slab::mu' is locked here but some paths leave 'slab_used' without unlocking it (a return){{.*}}[concur-manual-lock-unlock]
// CHECK: :73:5: note: this return leaves 'slab::mu' locked
// CHECK: :75:3: note: 'slab::mu' is unlocked here on other paths
