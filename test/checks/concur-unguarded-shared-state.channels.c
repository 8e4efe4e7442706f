// A thread that signals another through a semaphore, a pipe, a socket or a
// barrier orders what it did before the signal with what the other does
// after waiting for it (ChannelOrder): no lock, and no race.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <unistd.h>

// ---- Handed over through a semaphore that starts at 0 ----------------------
static sem_t loaded;
static int config_version;
static void *loader(void *arg) {
  (void)arg;
  config_version = 3;
  sem_post(&loaded);
  return NULL;
}
int run_loader(void) {
  pthread_t t;
  sem_init(&loaded, 0, 0);
  pthread_create(&t, NULL, loader, NULL);
  sem_wait(&loaded);
  int v = config_version;
  pthread_join(t, NULL);
  return v;
}

// ---- Through a pipe, its ends kept in two variables ------------------------
struct wakeup {
  int recv_fd, send_fd;
};
static struct wakeup wake;
static long job_count;
static void announce(void) { write(wake.send_fd, "j", 1); }
static void *producer(void *arg) {
  (void)arg;
  job_count = 10;
  announce(); // signals on every path
  return NULL;
}
static void *consumer(void *arg) {
  (void)arg;
  char c;
  while (read(wake.recv_fd, &c, 1) != 1) {
  }
  job_count -= 1;
  return NULL;
}
void run_pipe(void) {
  int fds[2];
  pipe(fds);
  wake.recv_fd = fds[0];
  wake.send_fd = fds[1];
  pthread_t a, b;
  pthread_create(&a, NULL, producer, NULL);
  pthread_create(&b, NULL, consumer, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

// ---- Through a socket pair --------------------------------------------------
static int pair[2];
static int greeted;
static void *greeter(void *arg) {
  (void)arg;
  greeted = 1;
  send(pair[0], "x", 1, 0);
  return NULL;
}
void run_pair(void) {
  socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
  pthread_t t;
  pthread_create(&t, NULL, greeter, NULL);
  char c;
  recv(pair[1], &c, 1, 0);
  greeted = 2;
  pthread_join(t, NULL);
}

// ---- Through a barrier: both sides arrive before either goes on ------------
static pthread_barrier_t phase;
static double partial;
static void *stage(void *arg) {
  (void)arg;
  partial = 1.5;
  pthread_barrier_wait(&phase);
  return NULL;
}
double run_stage(void) {
  pthread_t t;
  pthread_barrier_init(&phase, NULL, 2);
  pthread_create(&t, NULL, stage, NULL);
  pthread_barrier_wait(&phase);
  double p = partial;
  pthread_join(t, NULL);
  return p;
}

// ---- Published through a C11 atomic flag ----------------------------------
static atomic_int booted;
static int boot_mode;
static void *booter(void *arg) {
  (void)arg;
  boot_mode = 1;
  atomic_store(&booted, 1);
  return NULL;
}
int run_boot(void) {
  pthread_t t;
  pthread_create(&t, NULL, booter, NULL);
  while (!atomic_load(&booted)) {
  }
  int m = boot_mode;
  pthread_join(t, NULL);
  return m;
}

// ---- Positives -------------------------------------------------------------

// Written after the signal: the waiter may read it at the same time.
static sem_t posted;
static int late_value;
static void *late_writer(void *arg) {
  (void)arg;
  sem_post(&posted);
  late_value = 2;
  return NULL;
}
int run_late(void) {
  pthread_t t;
  sem_init(&posted, 0, 0);
  pthread_create(&t, NULL, late_writer, NULL);
  sem_wait(&posted);
  int v = late_value;
  pthread_join(t, NULL);
  return v;
}

// A semaphore that starts at 2 lets two threads in at once: it orders
// nothing.
static sem_t slots;
static int in_use;
static void *user(void *arg) {
  (void)arg;
  sem_wait(&slots);
  in_use = in_use + 1;
  sem_post(&slots);
  return NULL;
}
void run_slots(void) {
  pthread_t a, b;
  sem_init(&slots, 0, 2);
  pthread_create(&a, NULL, user, NULL);
  pthread_create(&b, NULL, user, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}


// CHECK: :129:3: warning: shared 'late_value' is written on the thread started at line 135 with no lock held, and read in 'run_late' while that thread runs with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :135:3: note: thread entry 'late_writer' starts here
// CHECK: :137:11: note: conflicting read of 'late_value' in 'run_late' while that thread runs
// CHECK: :149:3: warning: shared 'in_use' is written on the thread started at line 156 with no lock held, and written on the thread started at line 157 with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :156:3: note: thread entry 'user' starts here
// CHECK: :149:3: note: conflicting write of 'in_use' on the thread started at line 157
// CHECK: :157:3: note: thread entry 'user' starts here
