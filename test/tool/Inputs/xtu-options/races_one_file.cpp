#include <mutex>
#include <thread>
long hits = 0;
std::mutex hits_mu;
void read_hits() { long seen = hits; (void)seen; }
void count_hit_locked() { std::lock_guard<std::mutex> g(hits_mu); ++hits; }
void count_hit() { ++hits; }
void serve_hits() {
  std::thread a(read_hits);
  std::thread b(count_hit_locked);
  a.join();
  b.join();
  std::thread c([] { ++hits; });
  std::thread d(count_hit);
  c.join();
  d.join();
}
