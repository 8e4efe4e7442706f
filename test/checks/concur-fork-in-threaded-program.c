// RUN: %clang_tidy -checks='-*,concur-fork-in-threaded-program' %s -- -std=gnu11 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// C: fork() after pthread_create with a child that calls printf before exec.

#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

void *ticker(void *arg) {
  (void)arg;
  printf("tick\n");
  return NULL;
}

// ---- Positive --------------------------------------------------------------

int fork_with_thread(void) {
  pthread_t t;
  pthread_create(&t, NULL, ticker, NULL);
  pid_t pid = fork();
  if (pid == 0) {
    printf("child\n");
    execlp("true", "true", (char *)NULL);
    _exit(127);
  }
  pthread_join(t, NULL);
  return 0;
}

// ---- Negatives -------------------------------------------------------------

int fork_exec_at_once(void) {
  pthread_t t;
  pthread_create(&t, NULL, ticker, NULL);
  pid_t pid = fork();
  if (pid == 0) {
    execlp("true", "true", (char *)NULL);
    _exit(127);
  }
  pthread_join(t, NULL);
  return 0;
}

int fork_before_threads(void) {
  pid_t pid = fork();
  if (pid == 0) {
    printf("child\n");
    _exit(0);
  }
  waitpid(pid, NULL, 0);
  return 0;
}

// Every warning and note above, in output order (line:column).
// CHECK: :21:15: warning: fork() while other threads may be running, and the child calls 'printf' before exec: the child gets a copy of every lock but only this thread, so a lock another thread held at the fork (malloc's, stdio's, a logger's) stays locked forever in the child{{.*}}[concur-fork-in-threaded-program]
// CHECK: :23:5: note: the child calls 'printf' here, before any exec
// CHECK: :20:3: note: a thread is started here and may still run at the fork
