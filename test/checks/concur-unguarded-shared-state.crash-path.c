// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// What a thread does on its way to ending the process (a failed
// assertion's crash report, a fatal error's log line) races with nothing
// the process lives to see. The same writes made by code that goes on
// still race, and so does work that leads to exit(0): the program
// finishing is not a failure.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static char report_buf[256];
static int reports_written;
static const char *exit_reason;
static int flushes;
static long jobs_done;

static void write_report(const char *what) {
  snprintf(report_buf, sizeof report_buf, "failed: %s", what);
  reports_written++;
}

// Never returns: a failed check ends the process.
static void fatal(const char *what) {
  write_report(what);
  abort();
}

// Returns to the caller, which then says it never gets here.
static void assert_failed(const char *what) {
  write_report(what);
}
#define CHECK(e) ((e) ? (void)0 : (assert_failed(#e), __builtin_unreachable()))

// Ends only the thread: the process goes on.
static void give_up(const char *what) {
  exit_reason = what;
  pthread_exit(NULL);
}

static void flush_and_quit(void) {
  flushes++;
  exit(0);
}

static void *worker(void *arg) {
  long n = (long)arg;
  if (n < 0)
    fatal("negative");
  CHECK(n < 100);
  if (n == 42)
    give_up("unlucky");
  if (n == 7)
    flush_and_quit();
  jobs_done++;
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (long i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
// CHECK: :37:3: warning: shared 'exit_reason' is written on the thread started at line 62 with no lock held, and written on another instance of that thread with no lock held; guard both with one mutex or make it an _Atomic type [concur-unguarded-shared-state]
// CHECK: :62:5: note: thread entry 'worker' starts here
// CHECK: :52:5: note: 'worker' calls 'give_up' here
// CHECK: :42:3: warning: read-modify-write of shared 'flushes' on the thread started at line 62 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides); make it an _Atomic type or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :62:5: note: thread entry 'worker' starts here
// CHECK: :54:5: note: 'worker' calls 'flush_and_quit' here
// CHECK: :55:3: warning: read-modify-write of shared 'jobs_done' on the thread started at line 62 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides); make it an _Atomic type or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :62:5: note: thread entry 'worker' starts here
