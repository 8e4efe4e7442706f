// Two threads crawl with one shared Downloader object: its bytes_ counter
// is one location written by both.
#include <thread>

class Downloader {
public:
  void fetch_all() {
    for (int i = 0; i < 100; ++i)
      bytes_ += 512;  // expect: concur-unguarded-shared-state
  }
  long bytes() const { return bytes_; }

private:
  long bytes_ = 0;
};

int main() {
  Downloader shared;
  std::thread a(&Downloader::fetch_all, &shared);
  std::thread b([&shared] { shared.fetch_all(); });
  a.join();
  b.join();
  return shared.bytes() == 102400 ? 0 : 1;
}
