// The same helper launch, with argv built in the parent: the child only
// execs.
#include "concur/thread_pool.h"
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

int run_helper(const std::string &name, const std::vector<std::string> &args) {
  std::vector<char *> argv;
  argv.push_back(const_cast<char *>(name.c_str()));
  for (const auto &a : args)
    argv.push_back(const_cast<char *>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

int main() {
  concur::ThreadPool pool(4);
  auto warm = pool.submit([] { return 1; });
  run_helper("gzip", {"-9", "log.txt"});
  return warm.get();
}
