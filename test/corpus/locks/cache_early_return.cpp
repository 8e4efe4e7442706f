// A cache filled under a hand-taken lock: the miss path returns early and
// leaves the mutex locked.
#include <map>
#include <mutex>
#include <string>

std::mutex cache_mu;
std::map<std::string, int> cache;

int lookup(const std::string &key) {
  cache_mu.lock();  // expect: concur-manual-lock-unlock
  auto it = cache.find(key);
  if (it == cache.end())
    return -1;
  int value = it->second;
  cache_mu.unlock();
  return value;
}

int main() {
  cache["a"] = 1;
  return lookup("a") + lookup("b");
}
