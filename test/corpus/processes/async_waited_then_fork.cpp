// The prefetch completes (get()) before the fork: no other thread remains.
#include <future>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

std::string fetch(const std::string &url) { return "data from " + url; }
void compress(const std::string &file) { std::string copy = file + ".gz"; }

std::string pipeline(const std::string &url, const std::string &previous) {
  auto next = std::async(std::launch::async, fetch, url);
  std::string data = next.get();
  pid_t pid = fork();
  if (pid == 0) {
    compress(previous);
    _exit(0);
  }
  waitpid(pid, nullptr, 0);
  return data;
}
