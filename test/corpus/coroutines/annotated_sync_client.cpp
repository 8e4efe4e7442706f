// A team's synchronous HTTP client is marked blocking in source; a request
// coroutine calls it directly, while the batch exporter calls it from its
// own worker thread.
#include "mini_task.h"
#include <concur/annotations.h>
#include <string>
#include <thread>

namespace http {
struct Response {
  int status = 0;
  std::string body;
};
CONCUR_BLOCKING Response get(const std::string &url);
} // namespace http

Task<int> check_upstream() {
  http::Response r = http::get("http://upstream/health"); // expect: concur-blocking-call-in-coroutine
  co_await loop::sleep(0);
  co_return r.status;
}

void export_batch_in_background() {
  std::thread([] { (void)http::get("http://collector/batch"); }).detach();
}
