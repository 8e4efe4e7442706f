// A log line formatted on a detached thread that reads the caller's buffer.
#include <cstdio>
#include <string>
#include <thread>
void log_async(int code) {
  std::string line = "event " + std::to_string(code);
  std::thread([&line] { std::puts(line.c_str()); }).detach();  // expect: concur-thread-captures-local
}
int main() {
  log_async(7);
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
}
