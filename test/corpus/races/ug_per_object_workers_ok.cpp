// Each crawler thread owns its Crawler object (started with a member
// function pointer, from a lambda, or one per element of a vector): the
// pages_ counters are per object and need no lock.
#include <string>
#include <thread>
#include <vector>

class Crawler {
public:
  void crawl() {
    for (int i = 0; i < 100; ++i)
      ++pages_;
  }
  long pages() const { return pages_; }

private:
  long pages_ = 0;
};

int main() {
  Crawler news, blogs;
  std::thread a(&Crawler::crawl, &news);
  std::thread b([&blogs] { blogs.crawl(); });
  a.join();
  b.join();

  std::vector<Crawler> fleet(8);
  std::vector<std::thread> threads;
  for (Crawler &c : fleet)
    threads.emplace_back([&c] { c.crawl(); });
  for (std::thread &t : threads)
    t.join();
  long total = news.pages() + blogs.pages();
  for (const Crawler &c : fleet)
    total += c.pages();
  return total == 1000 ? 0 : 1;
}
