// Lazy initialisation by check-then-act from several threads.
#include <thread>
#include <vector>
struct Table { int rows[64]; };
Table *table = nullptr;
Table &get_table() {
  if (!table)
    table = new Table();  // expect: concur-unguarded-shared-state
  return *table;
}
int main() {
  std::thread a([] { get_table().rows[0] = 1; });
  std::thread b([] { get_table().rows[1] = 2; });
  a.join();
  b.join();
}
