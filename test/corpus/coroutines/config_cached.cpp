// Look-alike: the configuration is read once at start-up by a plain
// function; the handler only uses the cached text.
#include "mini_task.h"
#include <cstdio>
#include <string>

static std::string cached_config;

void load_config(const char *path) {
  if (FILE *f = std::fopen(path, "r")) {
    char line[256];
    while (std::fgets(line, sizeof line, f))
      cached_config += line;
    std::fclose(f);
  }
}

Task<int> handle_request(int id) {
  co_await loop::sleep(1);
  co_return id + static_cast<int>(cached_config.size());
}

int main() {
  load_config("/etc/app.conf");
  return 0;
}
