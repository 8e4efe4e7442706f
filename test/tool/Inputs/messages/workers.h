#pragma once
#include <thread>
void count();
inline void start_counting() {
  std::thread a(count), b(count);
  a.join();
  b.join();
}
