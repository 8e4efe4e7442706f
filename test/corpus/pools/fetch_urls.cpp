// The notes' ThreadPoolExecutor example, ported to the concur runtime.
#include "concur/thread_pool.h"
#include <future>
#include <string>
#include <vector>

std::string fetch_url(const std::string &url) { return "Fetched " + url; }

std::vector<std::string> fetch_all(concur::ThreadPool &pool, const std::vector<std::string> &urls) {
  std::vector<concur::Future<std::string>> futures;
  for (const auto &url : urls)
    futures.push_back(pool.submit([url] { return fetch_url(url); }));
  std::vector<std::string> out;
  for (auto &f : futures)
    out.push_back(f.get());
  return out;
}

std::vector<std::string> fetch_one_by_one(concur::ThreadPool &pool, const std::vector<std::string> &urls) {
  std::vector<std::string> out;
  for (const auto &url : urls) {
    auto f = pool.submit([url] { return fetch_url(url); }); // expect: concur-serialized-submit
    out.push_back(f.get());
  }
  return out;
}

void warm_cache(concur::ThreadPool &pool, const std::vector<std::string> &urls) {
  for (const auto &url : urls)
    pool.submit([url] { return fetch_url(url); }); // expect: concur-discarded-future
}

std::string fetch_pair(const std::string &a, const std::string &b) {
  auto fa = std::async(std::launch::async, fetch_url, a);
  auto fb = std::async(fetch_url, b); // expect: concur-async-launch-policy
  return fa.get() + fb.get();
}

void log_async(const std::string &url) {
  std::async(std::launch::async, fetch_url, url); // expect: concur-discarded-future
}
