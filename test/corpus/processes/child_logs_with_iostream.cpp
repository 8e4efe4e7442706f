// A build runner with a progress thread; the child announces the command on
// std::cerr before exec.
#include <iostream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

void spinner() {
  for (int i = 0; i < 50; ++i)
    usleep(10000);
}

int build(const char *target) {
  std::thread progress(spinner);
  pid_t pid = fork(); // expect: concur-fork-in-threaded-program
  if (pid == 0) {
    std::cerr << "building " << target << '\n';
    execlp("make", "make", target, static_cast<char *>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  progress.join();
  return status;
}
