// A detached jthread reloading a global configuration map forever; the map
// is destroyed at exit while the thread may be in the middle of a reload.
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>

std::mutex config_mutex;
std::map<std::string, std::string> config;

void reload_config() {
  std::lock_guard<std::mutex> lock(config_mutex);
  config["timeout"] = "30";
}

void start_reloader() {
  std::jthread reloader([] {
    for (;;) {
      reload_config();
      std::this_thread::sleep_for(std::chrono::seconds(5));
    }
  });
  reloader.detach(); // expect: concur-detached-thread
}
