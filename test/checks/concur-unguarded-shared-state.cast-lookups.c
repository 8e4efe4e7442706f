// A pointer cast names the object it casts: `((struct chunk *)node->value)`
// is what a list node holds, looked up as the node was, so a struct
// without a lock of its own reached that way is not known to be shared
// (the pointer may be handed out one per thread). A cast of a global's
// address is still the global.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>

typedef struct node {
  struct node *next;
  void *value;
} node;

struct chunk {
  int refs;
  int used;
};

struct reader {
  node *at;
  int offset;
};

#define NODE_VALUE(n) ((n)->value)

struct reader *readers[4];

static void step(struct reader *r) {
  node *next = r->at->next;
  if (next) {
    ((struct chunk *)NODE_VALUE(next))->refs++;
    r->at = next;
  }
}

static void *serve(void *arg) {
  long id = (long)arg;
  step(readers[id]);
  return 0;
}

// Kept positive: every thread counts into the one global chunk.
struct chunk totals;
static void *count(void *arg) {
  (void)arg;
  ((struct chunk *)(void *)&totals)->used++;
  return 0;
}

int main(void) {
  pthread_t t[6];
  for (long i = 0; i < 4; i++)
    pthread_create(&t[i], 0, serve, (void *)i);
  pthread_create(&t[4], 0, count, 0);
  pthread_create(&t[5], 0, count, 0);
  for (int i = 0; i < 6; i++)
    pthread_join(t[i], 0);
  return 0;
}
// CHECK: :47:38: warning: read-modify-write of shared 'chunk::used' on the thread started at line 55 is not atomic{{.*}}[concur-unguarded-shared-state]
// CHECK: :55:3: note: thread entry 'count' starts here
// CHECK: :47:38: note: conflicting write of 'chunk::used' on the thread started at line 56
// CHECK: :56:3: note: thread entry 'count' starts here
