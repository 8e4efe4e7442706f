// Readers of a hot-reloaded configuration: one handler keeps its shared
// (reader) lock while it awaits the upstream call, which starves the
// reload task that needs the exclusive lock on the same thread.
#include "mini_task.h"
#include <mutex>
#include <shared_mutex>
#include <string>

std::shared_mutex config_mutex;
std::string upstream_url = "http://upstream";

Task<int> call_upstream(const std::string &url);

Task<int> proxy_request() {
  std::shared_lock<std::shared_mutex> read_lock(config_mutex);
  int status = co_await call_upstream(upstream_url); // expect: concur-lock-across-suspension
  co_return status;
}

Task<int> proxy_request_copy() {
  std::string url;
  {
    std::shared_lock<std::shared_mutex> read_lock(config_mutex);
    url = upstream_url;
  }
  co_return co_await call_upstream(url);
}

void reload(const std::string &url) {
  std::unique_lock<std::shared_mutex> write_lock(config_mutex);
  upstream_url = url;
}
