#include "stats.h"
#include <thread>
// Two threads run handle(), defined in handler.cpp, which updates a global
// of stats.cpp without a lock.
int main() {
  std::thread a(handle, 1), b(handle, 2);
  a.join();
  b.join();
}
