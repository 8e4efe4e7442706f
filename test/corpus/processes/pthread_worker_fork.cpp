// A C-style program: a pthread watchdog, then fork() whose child prints a
// banner with printf before exec'ing the job.
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

void *watchdog(void *) {
  for (;;)
    sleep(1);
  return nullptr;
}

int run_job(const char *path) {
  pthread_t tid;
  pthread_create(&tid, nullptr, watchdog, nullptr);
  pid_t pid = fork(); // expect: concur-fork-in-threaded-program
  if (pid == 0) {
    printf("starting %s\n", path);
    execl(path, path, (char *)nullptr);
    _exit(127);
  }
  int status;
  waitpid(pid, &status, 0);
  return status;
}
