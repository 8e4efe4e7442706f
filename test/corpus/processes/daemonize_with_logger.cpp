// A daemon that starts its logging thread and then daemonizes with the
// classic double fork; the child returns into main.
#include <cstdio>
#include <thread>
#include <unistd.h>

void log_loop() {
  for (;;)
    sleep(1);
}

bool daemonize() {
  pid_t pid = fork(); // expect: concur-fork-in-threaded-program
  if (pid < 0)
    return false;
  if (pid > 0)
    _exit(0); // the parent leaves
  setsid();
  return true;
}

int main() {
  std::thread logger(log_loop);
  logger.detach();
  if (!daemonize())
    return 1;
  std::puts("daemon running");
}
