// Look-alike: lazy initialisation through std::call_once.
#include <mutex>
#include <string>
#include <thread>
std::once_flag config_once;
std::string config_path;
void load_config() { config_path = "/etc/app.conf"; }
size_t path_length() {
  std::call_once(config_once, load_config);
  return config_path.size();
}
int main() {
  std::thread a(path_length), b(path_length);
  a.join();
  b.join();
}
