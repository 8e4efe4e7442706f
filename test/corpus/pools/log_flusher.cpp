// A background flusher started once and detached; it keeps using the global
// buffer and file name, which are destroyed when main returns.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

std::mutex buffer_mutex;
std::vector<std::string> pending;
const std::string log_path = "/tmp/app.log";

void flush_pending() {
  std::lock_guard<std::mutex> lock(buffer_mutex);
  if (FILE *f = std::fopen(log_path.c_str(), "a")) {
    for (const auto &line : pending)
      std::fputs(line.c_str(), f);
    std::fclose(f);
  }
  pending.clear();
}

void start_flusher() {
  std::thread flusher([] {
    for (;;) {
      std::this_thread::sleep_for(std::chrono::seconds(1));
      flush_pending();
    }
  });
  flusher.detach(); // expect: concur-detached-thread
}

void log_line(std::string line) {
  std::lock_guard<std::mutex> lock(buffer_mutex);
  pending.push_back(std::move(line));
}
