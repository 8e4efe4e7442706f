// One attempt in the background; the loop polls it with a timeout while the
// caller keeps a spinner going. The loop waits on a future made before it.
#include <chrono>
#include <cstdio>
#include <future>
#include <string>

bool try_connect(const std::string &host) { return !host.empty(); }

bool connect_with_spinner(const std::string &host) {
  auto attempt = std::async(std::launch::async, try_connect, host);
  int ticks = 0;
  while (attempt.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
    std::printf("%c\r", "|/-\\"[ticks++ % 4]);
  }
  return attempt.get();
}
