// A watcher thread starts before the configuration is parsed; std::stoi
// throws on a bad value and the joinable thread is destroyed on the way out.
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
  std::thread watcher(watch_file, path);
  int port = std::stoi(value); // expect: concur-unjoined-thread
  reload = true;
  watcher.join();
  return port;
}
