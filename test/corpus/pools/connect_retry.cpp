// Each connection attempt runs "in the background", but the loop waits for
// it right away, so the attempts never overlap.
#include <chrono>
#include <future>
#include <string>
#include <vector>

bool try_connect(const std::string &host) { return host.size() % 2 == 0; }

std::string first_reachable(const std::vector<std::string> &hosts) {
  for (const auto &host : hosts) {
    std::future<bool> attempt = std::async(std::launch::async, try_connect, host); // expect: concur-serialized-submit
    if (attempt.get())
      return host;
  }
  return {};
}
