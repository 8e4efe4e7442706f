// Look-alike of fork_child_logs.c: fork happens before any thread starts.
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
static void *fk3_ticker(void *arg) {
  (void)arg;
  printf("tick\n");
  return NULL;
}
int main(void) {
  pid_t pid = fork();
  if (pid == 0) {
    printf("child\n");
    _exit(0);
  }
  pthread_t t;
  pthread_create(&t, NULL, fk3_ticker, NULL);
  pthread_join(t, NULL);
  waitpid(pid, NULL, 0);
  return 0;
}
