// Thumbnails generated in parallel with std::async; the default policy lets
// the library run them lazily, one by one, in get().
#include <future>
#include <string>
#include <vector>

std::string thumbnail(const std::string &path) { return path + ".thumb"; }

std::vector<std::string> make_thumbnails(const std::vector<std::string> &paths) {
  std::vector<std::future<std::string>> jobs;
  for (const auto &p : paths)
    jobs.push_back(std::async(thumbnail, p)); // expect: concur-async-launch-policy
  std::vector<std::string> out;
  for (auto &j : jobs)
    out.push_back(j.get());
  return out;
}
