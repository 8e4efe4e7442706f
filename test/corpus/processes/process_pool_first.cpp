// The ProcessPool is created before any thread, as its documentation asks.
#include "concur/process.h"
#include <thread>
#include <vector>

int square(int x) { return x * x; }
void heartbeat() {}

int main() {
  concur::ProcessPool pool(2);
  std::thread beat(heartbeat);
  auto squares = pool.map(square, std::vector<int>{1, 2, 3});
  beat.join();
  return squares.size() == 3 ? 0 : 1;
}
