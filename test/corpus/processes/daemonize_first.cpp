// Daemonize first, then start threads: the classic, safe order.
#include <cstdio>
#include <thread>
#include <unistd.h>

void log_loop() {
  for (int i = 0; i < 3; ++i)
    sleep(1);
}

bool daemonize() {
  pid_t pid = fork();
  if (pid < 0)
    return false;
  if (pid > 0)
    _exit(0);
  setsid();
  return true;
}

int main() {
  if (!daemonize())
    return 1;
  std::thread logger(log_loop);
  std::puts("daemon running");
  logger.join();
}
