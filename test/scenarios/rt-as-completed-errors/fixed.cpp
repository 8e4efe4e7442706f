// Fixed (the notes' ThreadPoolExecutor example): handle each future's
// exception where its result is read, so every URL is accounted for.
#include <concur/thread_pool.h>

#include <cstdio>
#include <map>
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
  std::map<const concur::Future<std::string>*, std::string> future_to_url;
  for (const std::string& url : urls) futures.push_back(executor.submit(fetch_url, url));
  for (std::size_t i = 0; i < urls.size(); ++i) future_to_url[&futures[i]] = urls[i];
  int handled = 0;
  for (concur::Future<std::string>& future : concur::as_completed(futures)) {
    const std::string& url = future_to_url[&future];
    try {
      future.get();
    } catch (const std::exception& exc) {
      std::printf("%s generated an exception: %s\n", url.c_str(), exc.what());
    }
    ++handled;
  }
  std::printf("handled %d of %zu\n", handled, urls.size());
}
