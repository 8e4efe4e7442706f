// Two threads move stock between two warehouses, each locking its source
// warehouse first: opposite lock orders. The second thread starts a little
// later so this run finishes, but with other timing each thread holds one
// lock and waits for the other forever.
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

std::mutex north_mu, south_mu;
int north = 100, south = 100;

void north_to_south(int n) {
  std::lock_guard<std::mutex> from(north_mu);
  std::lock_guard<std::mutex> to(south_mu);
  north -= n;
  south += n;
}

void south_to_north(int n) {
  std::lock_guard<std::mutex> from(south_mu);
  std::lock_guard<std::mutex> to(north_mu);
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
