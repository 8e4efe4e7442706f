// A coroutine reloads its settings from disk with an ifstream on every
// request: the file I/O runs on the loop thread.
#include "mini_task.h"
#include <fstream>
#include <string>

Task<std::string> current_theme() {
  std::ifstream settings("/etc/app/theme"); // expect: concur-blocking-call-in-coroutine
  std::string theme;
  std::getline(settings, theme); // expect: concur-blocking-call-in-coroutine
  co_await loop::sleep(0);
  co_return theme;
}
