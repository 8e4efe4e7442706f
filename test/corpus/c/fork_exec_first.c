// Look-alike of fork_child_logs.c: the child execs at once, async-signal-safe only.
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
static void *fk2_ticker(void *arg) {
  (void)arg;
  for (int i = 0; i < 5; ++i) { printf("tick\n"); sleep(1); }
  return NULL;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, fk2_ticker, NULL);
  pid_t pid = fork();
  if (pid == 0) {
    execlp("true", "true", (char *)NULL);
    _exit(127);
  }
  pthread_join(t, NULL);
  return 0;
}
