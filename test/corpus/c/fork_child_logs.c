// fork() while a logger thread runs; the child calls printf before exec.
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
static void *fk_ticker(void *arg) {
  (void)arg;
  for (int i = 0; i < 5; ++i) { printf("tick\n"); sleep(1); }
  return NULL;
}
int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, fk_ticker, NULL);
  pid_t pid = fork(); // expect: concur-fork-in-threaded-program
  if (pid == 0) {
    printf("child\n");
    execlp("true", "true", (char *)NULL);
    _exit(127);
  }
  pthread_join(t, NULL);
  return 0;
}
