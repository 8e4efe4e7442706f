// Parse first, then start the watcher: nothing can throw while it runs.
#include <atomic>
#include <string>
#include <thread>

std::atomic<bool> reload{false};

void watch_file(const std::string &path) {
  while (!reload) {
    std::this_thread::yield();
  }
  (void)path;
}

int load_port(const std::string &path, const std::string &value) {
  int port = std::stoi(value);
  std::thread watcher(watch_file, path);
  reload = true;
  watcher.join();
  return port;
}
