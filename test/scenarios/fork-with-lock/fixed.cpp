// The child execs at once, touching nothing but async-signal-safe calls; the
// logging happens in the parent. The held mutex never matters to the child.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex log_mutex;
std::atomic<bool> logger_holds_lock{false};
std::atomic<bool> stopping{false};

void log_line(const char *line) {
  std::lock_guard<std::mutex> lock(log_mutex);
  std::fprintf(stderr, "%s\n", line);
}

// Formatting a batch of log records: CPU work, about 300 ms.
long format_batch() {
  long formatted = 0;
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
  while (std::chrono::steady_clock::now() < until)
    ++formatted;
  return formatted;
}

// Formats batches while holding the log mutex, then rests a little.
void logger() {
  while (!stopping) {
    {
      std::lock_guard<std::mutex> lock(log_mutex);
      logger_holds_lock = true;
      format_batch();
      logger_holds_lock = false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

int main() {
  std::thread flusher(logger);
  while (!logger_holds_lock)
    std::this_thread::yield();
  std::printf("forking while the logger holds the lock\n");
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/true", "true", static_cast<char *>(nullptr));
    _exit(127);
  }
  log_line("child started");
  waitpid(pid, nullptr, 0);
  stopping = true;
  flusher.join();
  std::printf("child finished\n");
}
