// Writing a line to a file under the lock that keeps lines whole: bounded
// output, the intended use of the lock; and a pool shutdown that joins
// under a lock used only by the joiners.
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

std::mutex sink_mu;
std::FILE *sink = stderr;

void log_line(const char *text) {
  std::lock_guard<std::mutex> g(sink_mu);
  std::fputs(text, sink);
  std::fputc('\n', sink);
}

std::mutex join_mu;
std::vector<std::thread> workers;

void shutdown_once() {
  std::lock_guard<std::mutex> g(join_mu);
  for (std::thread &w : workers)
    if (w.joinable())
      w.join();
}

int main() {
  workers.emplace_back([] { log_line("worker"); });
  log_line("main");
  shutdown_once();
}
