// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A thread's role told apart by a global's value: the I/O thread only
// reads while the mode says READ, and the parser stops before running a
// command when it finds itself on an I/O thread. What runs past that test
// never runs on the I/O thread. Likewise a branch on a parameter that the
// I/O thread's call fixes: it only ever closes asynchronously.
#include <pthread.h>
#include <stddef.h>

enum { MODE_IDLE, MODE_READ, MODE_WRITE };
extern int io_mode; // as a header declares it; defined below

long commands_run;  // main thread only: no race
long bytes_parsed;  // both: a real race
long replies_sent;  // the I/O thread returns before it: no race
long conns_closed;  // only a synchronous close counts: no race
long closes_asked;  // every close: a real race
long drained;       // the I/O thread itself sets the mode first: a race

struct conn { int fd; int pending; };
struct conn conns[4];

static void execute(struct conn *c) { commands_run++; c->pending = 0; }

static void parse(struct conn *c) {
  bytes_parsed++;
  if (io_mode != MODE_IDLE) {
    c->pending = 1;
    return;
  }
  execute(c);
}

static void reply(struct conn *c) {
  if (io_mode == MODE_WRITE)
    return;
  replies_sent++;
}

int io_mode;

static void close_conn(struct conn *c, int async) {
  closes_asked++;
  if (async) {
    c->pending = 2;
    return;
  }
  conns_closed++;
}

static void go_idle(void) { io_mode = MODE_IDLE; }

// A test made after a callee changed the mode says nothing of the mode
// the caller saw.
static void drain(void) {
  go_idle();
  if (io_mode == MODE_IDLE)
    drained++;
}

static void *io_thread(void *arg) {
  struct conn *c = &conns[(long)arg];
  for (;;) {
    if (io_mode == MODE_READ) {
      parse(c);
      close_conn(c, 1);
      drain();
    }
    else if (io_mode == MODE_WRITE)
      reply(c);
  }
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (long i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, io_thread, (void *)i);
  io_mode = MODE_IDLE;
  parse(&conns[0]);
  reply(&conns[0]);
  close_conn(&conns[0], 0);
  return 0;
}
// CHECK: :27:3: warning: read-modify-write of shared 'bytes_parsed' on the thread started at line 79 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides); make it an _Atomic type or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :79:5: note: thread entry 'io_thread' starts here
// CHECK: :66:7: note: 'io_thread' calls 'parse' here
// CHECK: :44:3: warning: read-modify-write of shared 'closes_asked' on the thread started at line 79 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides); make it an _Atomic type or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :79:5: note: thread entry 'io_thread' starts here
// CHECK: :67:7: note: 'io_thread' calls 'close_conn' here
// CHECK: :52:29: warning: shared 'io_mode' is written on the thread started at line 79 with no lock held, and written on another instance of that thread with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :79:5: note: thread entry 'io_thread' starts here
// CHECK: :68:7: note: 'io_thread' calls 'drain' here
// CHECK: :57:3: note: 'drain' calls 'go_idle' here
// CHECK: :59:5: warning: read-modify-write of shared 'drained' on the thread started at line 79 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides); make it an _Atomic type or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :79:5: note: thread entry 'io_thread' starts here
// CHECK: :68:7: note: 'io_thread' calls 'drain' here
// CHECK: :80:3: warning: shared 'io_mode' is written in 'main' while that thread runs with no lock held, and written on the thread started at line 79 with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :52:29: note: conflicting write of 'io_mode' on the thread started at line 79
// CHECK: :79:5: note: thread entry 'io_thread' starts here
// CHECK: :68:7: note: 'io_thread' calls 'drain' here
// CHECK: :57:3: note: 'drain' calls 'go_idle' here
