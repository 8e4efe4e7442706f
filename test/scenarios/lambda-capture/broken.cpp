// Hazard (notes, "threads share the same memory space"): a lambda captures
// a local by reference and runs on threads that outlive the function: the
// threads are detached, so they write to a stack frame that is gone.
#include <chrono>
#include <cstdio>
#include <thread>

void start_counters() {
  int hits = 0;
  for (int t = 0; t < 2; ++t)
    std::thread([&hits] {
      for (int i = 0; i < 1000; ++i)
        ++hits; // the frame of start_counters() may already be gone
    }).detach();
}

void use_stack() {
  volatile char scratch[256];
  for (auto &c : scratch) c = 0;
}

int main() {
  start_counters();
  use_stack();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::puts("done");
}
