// The fix: both warehouses locked at once (std::scoped_lock uses a
// deadlock-avoiding algorithm), whatever the direction of the move.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex north_mu, south_mu;
int north = 100, south = 100;

void north_to_south(int n) {
  std::scoped_lock both(north_mu, south_mu);
  north -= n;
  south += n;
}

void south_to_north(int n) {
  std::scoped_lock both(south_mu, north_mu);
  south -= n;
  north += n;
}

int main() {
  std::thread a([] { north_to_south(10); });
  std::thread b([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    south_to_north(5);
  });
  a.join();
  b.join();
  std::printf("north = %d, south = %d\n", north, south);
}
