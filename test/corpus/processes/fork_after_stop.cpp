// A crawler stops and joins its worker threads, then forks a child that
// writes a report in-process.
#include <cstdio>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

class Crawler {
public:
  void start() {
    for (int i = 0; i < 4; ++i)
      workers_.emplace_back([i] { std::printf("crawl %d\n", i); });
  }
  void stop() {
    for (auto &w : workers_)
      w.join();
    workers_.clear();
  }

private:
  std::vector<std::thread> workers_;
};

int main() {
  Crawler crawler;
  crawler.start();
  crawler.stop();
  pid_t pid = fork();
  if (pid == 0) {
    std::printf("writing report\n");
    _exit(0);
  }
  waitpid(pid, nullptr, 0);
}
