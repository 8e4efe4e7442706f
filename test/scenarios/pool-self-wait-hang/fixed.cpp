// The tasks no longer wait inside the pool: the caller submits every piece
// and combines the results, so no worker ever blocks on its own pool.
#include "std_pool.h"

#include <cstdio>

int square(int x) { return x * x; }

int main() {
  StdPool pool(2);
  auto a1 = pool.submit([] { return square(1); });
  auto b1 = pool.submit([] { return square(2); });
  auto a2 = pool.submit([] { return square(3); });
  auto b2 = pool.submit([] { return square(4); });
  std::printf("submitted\n");
  std::fflush(stdout);
  std::printf("total %d\n", a1.get() + b1.get() + a2.get() + b2.get());
}
