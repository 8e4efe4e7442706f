// A pre-forking server that starts its metrics thread first, then forks
// workers that run the request loop (no exec).
#include <atomic>
#include <cstdio>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

std::atomic<long> served{0};

void report_metrics() {
  for (;;) {
    std::printf("served %ld\n", served.load());
    sleep(10);
  }
}

void serve_requests(int worker) {
  for (int i = 0; i < 100; ++i) {
    std::printf("worker %d request %d\n", worker, i);
    ++served;
  }
}

int main() {
  std::thread(report_metrics).detach();
  for (int w = 0; w < 4; ++w) {
    if (fork() == 0) { // expect: concur-fork-in-threaded-program
      serve_requests(w);
      _exit(0);
    }
  }
  while (wait(nullptr) > 0) {
  }
}
