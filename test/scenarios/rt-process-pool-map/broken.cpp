// multiprocessing hazard: workers are separate processes with their own
// memory. A worker that "records" its work in a global changes its own
// copy; the parent's counter never moves.
#include <concur/process.h>

#include <cstdio>
#include <vector>

int processed = 0;  // each worker process has its own copy

int square(int x) {
  ++processed;  // lost: written in the worker's memory
  return x * x;
}

int main() {
  concur::ProcessPool pool(2);
  std::vector<int> squares = pool.map(square, std::vector<int>{1, 2, 3, 4, 5});
  for (int s : squares) std::printf("%d ", s);
  std::printf("\nprocessed %d of %zu\n", processed, squares.size());
}
