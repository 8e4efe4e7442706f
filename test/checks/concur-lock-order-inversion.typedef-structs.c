// C structs declared as `typedef struct { ... } name;` are distinct types
// even though the struct itself has no tag: their mutex fields are
// distinct locks, named after the typedef.
// RUN: %clang_tidy -checks='-*,concur-lock-order-inversion' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>

typedef struct {
  pthread_mutex_t mutex;
  int depth;
} io_worker;
typedef struct {
  pthread_mutex_t mutex;
  int runs;
} maint_worker;
typedef struct {
  pthread_mutex_t mutex;
  int used;
} page_t;

page_t pages[4];
io_worker io;
maint_worker maint;

// page -> io_worker
void *writer(void *arg) {
  page_t *p = &pages[0];
  pthread_mutex_lock(&p->mutex);
  pthread_mutex_lock(&io.mutex);
  io.depth++;
  pthread_mutex_unlock(&io.mutex);
  p->used++;
  pthread_mutex_unlock(&p->mutex);
  return arg;
}

// maint_worker -> page: no cycle with writer.
void *maintainer(void *arg) {
  pthread_mutex_lock(&maint.mutex);
  maint.runs++;
  pthread_mutex_lock(&pages[1].mutex);
  pages[1].used = 0;
  pthread_mutex_unlock(&pages[1].mutex);
  pthread_mutex_unlock(&maint.mutex);
  return arg;
}

// Kept positive: io_worker -> page closes a cycle with writer.
void *flusher(void *arg) {
  pthread_mutex_lock(&io.mutex);
  pthread_mutex_lock(&pages[2].mutex);
  pages[2].used = 0;
  pthread_mutex_unlock(&pages[2].mutex);
  pthread_mutex_unlock(&io.mutex);
  return arg;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, 0, writer, 0);
  pthread_create(&b, 0, maintainer, 0);
  pthread_create(&c, 0, flusher, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  pthread_join(c, 0);
  return 0;
}
// CHECK: :29:3: warning: lock order inversion: 'writer' acquires 'io_worker::mutex' while holding 'page_t::mutex', but 'flusher' acquires 'page_t::mutex' while holding 'io_worker::mutex'{{.*}}[concur-lock-order-inversion]
// CHECK: :28:3: note: 'writer' holds 'page_t::mutex' from here
// CHECK: :29:3: note: 'io_worker::mutex' is acquired while 'page_t::mutex' is held here
// CHECK: :50:3: note: 'flusher' holds 'io_worker::mutex' from here
// CHECK: :51:3: note: 'page_t::mutex' is acquired while 'io_worker::mutex' is held here
