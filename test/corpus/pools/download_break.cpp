// Each download gets a helper thread; a failed download breaks out of the
// loop before the helper is joined.
#include <string>
#include <thread>
#include <vector>

void verify_checksum(const std::string &file) { (void)file; }
bool download(const std::string &url) { return !url.empty(); }

int download_all(const std::vector<std::string> &urls) {
  int ok = 0;
  for (const auto &url : urls) {
    std::thread verifier(verify_checksum, url);
    if (!download(url))
      break; // expect: concur-unjoined-thread
    verifier.join();
    ++ok;
  }
  return ok;
}
