#include <thread>
void top_up(); // limits.cpp: tests, then sets, a global
void serve_limits() {
  std::thread a(top_up), b(top_up);
  a.join();
  b.join();
}
