#include <thread>
int total;
void add() { total += 1; }
int main() {
  std::thread a(add), b(add);
  a.join();
  b.join();
}
