// A progress thread is started, then an early return on a bad file skips
// the join.
#include <atomic>
#include <string>
#include <thread>

std::atomic<int> progress{0};

void show_progress() {
  while (progress < 100)
    std::this_thread::yield();
}

bool upload(const std::string &file) {
  std::thread ui(show_progress);
  if (file.empty()) {
    progress = 100;
    return false; // expect: concur-unjoined-thread
  }
  progress = 100;
  ui.join();
  return true;
}
