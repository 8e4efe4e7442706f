// Fixed: workers return everything the parent needs; the parent combines
// the results (Python: pool.map(square, [1, 2, 3, 4, 5])).
#include <concur/process.h>

#include <cstdio>
#include <vector>

int square(int x) { return x * x; }

int main() {
  concur::ProcessPool pool(2);
  std::vector<int> squares = pool.map(square, std::vector<int>{1, 2, 3, 4, 5});
  for (int s : squares) std::printf("%d ", s);
  std::printf("\nprocessed %zu of %zu\n", squares.size(), squares.size());
}
