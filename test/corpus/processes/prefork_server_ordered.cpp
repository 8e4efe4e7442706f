// Workers are forked before any thread exists; the metrics thread starts
// in the parent afterwards.
#include <atomic>
#include <cstdio>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

std::atomic<long> served{0};

void report_metrics() {
  for (int round = 0; round < 3; ++round) {
    std::printf("served %ld\n", served.load());
    sleep(1);
  }
}

void serve_requests(int worker) {
  for (int i = 0; i < 100; ++i)
    std::printf("worker %d request %d\n", worker, i);
}

int main() {
  for (int w = 0; w < 4; ++w) {
    if (fork() == 0) {
      serve_requests(w);
      _exit(0);
    }
  }
  std::thread metrics(report_metrics);
  while (wait(nullptr) > 0) {
  }
  metrics.join();
}
