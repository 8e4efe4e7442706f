// The child redirects its output with dup2 and execs: async-signal-safe
// calls only, so the watchdog thread's locks cannot bite.
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

void *watchdog(void *) {
  for (;;)
    sleep(1);
  return nullptr;
}

int run_job(const char *path, int log_fd) {
  pthread_t tid;
  pthread_create(&tid, nullptr, watchdog, nullptr);
  pid_t pid = fork();
  if (pid == -1)
    return -1;
  if (pid == 0) {
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    close(log_fd);
    execl(path, path, (char *)nullptr);
    _exit(127);
  }
  int status;
  waitpid(pid, &status, 0);
  return status;
}
