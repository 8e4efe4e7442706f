// Hazard (notes, "Lock"): a class guards its counter with a mutex in add(),
// but the getter reads it without the lock while a worker adds.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

class Stats {
public:
  void add(long v) {
    std::lock_guard<std::mutex> lock(mu_);
    total_ += v;
  }
  long total() const { return total_; } // reads without mu_

private:
  mutable std::mutex mu_;
  long total_ = 0;
};

int main() {
  Stats stats;
  std::atomic<bool> reader_started{false}, writer_done{false};
  std::thread writer([&] {
    while (!reader_started) {} // make the two threads overlap
    for (int i = 0; i < 100000; ++i) stats.add(1);
    writer_done = true;
  });
  std::thread reader([&] {
    reader_started = true;
    long polls = 0;
    while (!writer_done)
      if (stats.total() >= 0) ++polls; // the monitoring thread polls the getter
    std::printf("reader polled %s\n", polls > 0 ? "yes" : "no");
  });
  writer.join();
  reader.join();
  std::printf("total = %ld (expected 100000)\n", stats.total());
}
