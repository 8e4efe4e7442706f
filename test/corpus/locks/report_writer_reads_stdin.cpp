// An interactive tool reads the next command from stdin while holding the
// state lock that the background autosave also needs.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

std::mutex state_mu;
std::string document;

void edit_loop() {
  char line[256];
  std::lock_guard<std::mutex> g(state_mu);
  while (std::fgets(line, sizeof line, stdin))  // expect: concur-blocking-call-under-lock
    document += line;
}

void autosave() {
  std::lock_guard<std::mutex> g(state_mu);
  std::FILE *f = std::fopen("/tmp/autosave.txt", "w");
  if (f) {
    std::fputs(document.c_str(), f);
    std::fclose(f);
  }
}

int main() {
  std::thread saver(autosave);
  edit_loop();
  saver.join();
}
