// The same upload with a small RAII joiner: every path joins.
#include <atomic>
#include <string>
#include <thread>

std::atomic<int> progress{0};

void show_progress() {
  while (progress < 100)
    std::this_thread::yield();
}

struct Joiner {
  std::thread &t;
  ~Joiner() {
    if (t.joinable())
      t.join();
  }
};

bool upload(const std::string &file) {
  std::thread ui(show_progress);
  Joiner join_ui{ui};
  progress = 100;
  return !file.empty();
}
