// The same job with an explicit launch policy: every thumbnail gets a thread.
#include <future>
#include <string>
#include <vector>

std::string thumbnail(const std::string &path) { return path + ".thumb"; }

std::vector<std::string> make_thumbnails(const std::vector<std::string> &paths) {
  std::vector<std::future<std::string>> jobs;
  jobs.reserve(paths.size());
  for (const auto &p : paths)
    jobs.push_back(std::async(std::launch::async, thumbnail, p));
  std::vector<std::string> out;
  for (auto &j : jobs)
    out.push_back(j.get());
  return out;
}
