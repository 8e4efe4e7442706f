// The same cache with a scoped guard: every return unlocks.
#include <map>
#include <mutex>
#include <string>

std::mutex cache_mu;
std::map<std::string, int> cache;

int lookup(const std::string &key) {
  std::lock_guard<std::mutex> g(cache_mu);
  auto it = cache.find(key);
  if (it == cache.end())
    return -1;
  return it->second;
}

int main() {
  cache["a"] = 1;
  return lookup("a") + lookup("b");
}
