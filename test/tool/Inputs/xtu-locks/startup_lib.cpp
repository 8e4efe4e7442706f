#include <mutex>
std::mutex config_mu, plugins_mu;
void load_plugins() { std::lock_guard<std::mutex> p(plugins_mu); }
void read_config() { std::lock_guard<std::mutex> c(config_mu); }
