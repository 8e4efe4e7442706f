// Prefetching with std::async while a child process is forked to compress
// the previous file in-process.
#include <future>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

std::string fetch(const std::string &url) { return "data from " + url; }
void compress(const std::string &file) { std::string copy = file + ".gz"; }

void pipeline(const std::string &url, const std::string &previous) {
  auto next = std::async(std::launch::async, fetch, url);
  pid_t pid = fork(); // expect: concur-fork-in-threaded-program
  if (pid == 0) {
    compress(previous);
    _exit(0);
  }
  waitpid(pid, nullptr, 0);
  next.get();
}
