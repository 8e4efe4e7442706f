// A ProcessPool created after a background thread started: the runtime's
// workers are forked copies of a threaded process.
#include "concur/process.h"
#include <thread>
#include <vector>

int square(int x) { return x * x; }
void heartbeat() {}

int main() {
  std::thread beat(heartbeat);
  concur::ProcessPool pool(2); // expect: concur-fork-in-threaded-program
  auto squares = pool.map(square, std::vector<int>{1, 2, 3});
  beat.join();
  return squares.size() == 3 ? 0 : 1;
}
