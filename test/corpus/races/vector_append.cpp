// Appends to one vector from several threads.
#include <thread>
#include <vector>
std::vector<int> items;
void append(int v) { items.push_back(v); }  // expect: concur-unguarded-shared-state
int main() {
  std::thread a(append, 1), b(append, 2);
  a.join(); b.join();
  return (int)items.size();
}
