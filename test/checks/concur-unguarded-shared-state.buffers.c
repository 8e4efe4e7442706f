// Elements at a constant index, and buffers handed to the C library:
// `read(fd, &buf, 1)` writes buf, `fputs(line, f)` reads all of line,
// `slots[2]` is one element (another index is other memory).
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

// ---- Negatives -------------------------------------------------------------

// Two elements at different constant indices.
static long per_worker[2];
static void *first_worker(void *arg) {
  (void)arg;
  per_worker[0] = 1;
  return NULL;
}
static void *second_worker(void *arg) {
  (void)arg;
  per_worker[1] = 2;
  return NULL;
}
void run_split(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, first_worker, NULL);
  pthread_create(&b, NULL, second_worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

// A buffer local to each call, and a constant string.
static const char motd[] = "hello";
static void *reader(void *arg) {
  char local[16];
  read(*(int *)arg, local, sizeof local);
  return (void *)strlen(motd);
}
void run_readers(int fd) {
  pthread_t a, b;
  pthread_create(&a, NULL, reader, &fd);
  pthread_create(&b, NULL, reader, &fd);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

// ---- Positives -------------------------------------------------------------

// Both threads read into one global byte.
static int input_fd;
static char last_byte;
static void *byte_reader(void *arg) {
  (void)arg;
  read(input_fd, &last_byte, 1);
  return NULL;
}
void run_byte_readers(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, byte_reader, NULL);
  pthread_create(&b, NULL, byte_reader, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

// The whole line is printed while an element of it changes.
static char status_line[32] = "idle";
static void *printer(void *arg) {
  (void)arg;
  fputs(status_line, stdout);
  return NULL;
}
void run_printer(void) {
  pthread_t t;
  pthread_create(&t, NULL, printer, NULL);
  status_line[0] = 'I';
  pthread_join(t, NULL);
}

// One element, written on both sides.
static int counters[4];
static void *count_errors(void *arg) {
  (void)arg;
  counters[3] += 1;
  return NULL;
}
void run_counters(void) {
  pthread_t t;
  pthread_create(&t, NULL, count_errors, NULL);
  counters[3] = 0;
  memset(counters, 0, sizeof counters);
  pthread_join(t, NULL);
}

// CHECK: :55:19: warning: shared 'last_byte' is written on the thread started at line 60 with no lock held, and written on the thread started at line 61 with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :60:3: note: thread entry 'byte_reader' starts here
// CHECK: :55:19: note: conflicting write of 'last_byte' on the thread started at line 61
// CHECK: :61:3: note: thread entry 'byte_reader' starts here
// CHECK: :76:3: warning: shared 'status_line[0]' is written in 'run_printer' while that thread runs with no lock held, and read on the thread started at line 75 with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :70:9: note: conflicting read of 'status_line[0]' on the thread started at line 75
// CHECK: :75:3: note: thread entry 'printer' starts here
// CHECK: :84:3: warning: read-modify-write of shared 'counters[3]' on the thread started at line 89 is not atomic and races with it being written in 'run_counters' while that thread runs (no lock held on both sides); make it an _Atomic type or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :89:3: note: thread entry 'count_errors' starts here
// CHECK: :90:3: note: conflicting write of 'counters[3]' in 'run_counters' while that thread runs
// CHECK: :90:3: warning: shared 'counters[3]' is written in 'run_counters' while that thread runs with no lock held, and updated on the thread started at line 89 with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :84:3: note: conflicting write of 'counters[3]' on the thread started at line 89
// CHECK: :89:3: note: thread entry 'count_errors' starts here
// CHECK: :91:10: warning: shared 'counters' is written in 'run_counters' while that thread runs with no lock held, and updated on the thread started at line 89 with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :84:3: note: conflicting write of 'counters' on the thread started at line 89
// CHECK: :89:3: note: thread entry 'count_errors' starts here
