// Both orders, but on one thread, one phase after the other: no deadlock.
#include <mutex>

std::mutex config_mu, cache_mu;
int config = 0, cache = 0;

void load() {
  std::lock_guard<std::mutex> a(config_mu);
  std::lock_guard<std::mutex> b(cache_mu);
  cache = config;
}

void save() {
  std::lock_guard<std::mutex> b(cache_mu);
  std::lock_guard<std::mutex> a(config_mu);
  config = cache;
}

int main() {
  load();
  save();
}
