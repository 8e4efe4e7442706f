#include <mutex>
// Only the main thread runs both orders, one after the other: no deadlock.
extern std::mutex config_mu, plugins_mu; // startup_lib.cpp
void load_plugins();  // startup_lib.cpp: takes plugins_mu
void read_config();   // startup_lib.cpp: takes config_mu
static void reload() {
  std::lock_guard<std::mutex> p(plugins_mu);
  read_config();
}
int main() {
  {
    std::lock_guard<std::mutex> c(config_mu);
    load_plugins();
  }
  reload();
}
