// A request handler that builds a pool per request, and one that does not.
#include "concur/thread_pool.h"
#include <vector>

int square(int x) { return x * x; }

int handle(const std::vector<int> &items) {
  concur::ThreadPool pool(4); // expect: concur-pool-in-loop
  int sum = 0;
  for (int v : pool.map(square, items))
    sum += v;
  return sum;
}

void serve(const std::vector<std::vector<int>> &requests) {
  for (const auto &r : requests)
    handle(r);
}

class Server {
public:
  int handle(const std::vector<int> &items) {
    int sum = 0;
    for (int v : pool_.map(square, items))
      sum += v;
    return sum;
  }
  void serve(const std::vector<std::vector<int>> &requests) {
    for (const auto &r : requests)
      handle(r);
  }

private:
  concur::ThreadPool pool_{4};
};

void batch_jobs(int rounds) {
  for (int i = 0; i < rounds; ++i) {
    concur::ThreadPool pool(2); // expect: concur-pool-in-loop
    pool.submit([i] { return square(i); }).get(); // expect: concur-serialized-submit
  }
}
