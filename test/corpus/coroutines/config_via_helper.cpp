// A request handler reads its configuration file through a helper on every
// request: the stdio calls run on the loop thread.
#include "mini_task.h"
#include <cstdio>
#include <string>

static std::string read_config(const char *path) {
  std::string text;
  if (FILE *f = std::fopen(path, "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, f))
      text += line;
    std::fclose(f);
  }
  return text;
}

Task<int> handle_request(int id) {
  std::string cfg = read_config("/etc/app.conf"); // expect: concur-blocking-call-in-coroutine
  co_await loop::sleep(1);
  co_return id + static_cast<int>(cfg.size());
}
