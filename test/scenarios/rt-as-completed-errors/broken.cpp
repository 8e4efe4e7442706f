// concurrent.futures hazard: as_completed() without per-future error
// handling. The first failure ends the loop; the remaining results are
// dropped and another failure is never seen by anyone.
#include <concur/thread_pool.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

std::string fetch_url(const std::string& url) {
  if (url == "url2" || url == "url4") throw std::runtime_error(url + " timed out");
  return "Fetched " + url;
}

int main() {
  concur::ThreadPool executor(5);
  std::vector<std::string> urls{"url1", "url2", "url3", "url4", "url5"};
  std::vector<concur::Future<std::string>> futures;
  for (const std::string& url : urls) futures.push_back(executor.submit(fetch_url, url));
  try {
    for (concur::Future<std::string>& future : concur::as_completed(futures))
      std::printf("%s\n", future.get().c_str());  // one failure aborts the loop
  } catch (const std::exception& e) {
    std::printf("aborted: %s\n", e.what());
  }
}
