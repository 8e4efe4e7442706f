// A scoped guard of the program's own (its constructor locks, its
// destructor unlocks) releases its lock where it goes out of scope.
// RUN: %clang_tidy -checks='-*,concur-blocking-call-under-lock' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <chrono>
#include <mutex>
#include <thread>

class Hold {
public:
  explicit Hold(std::mutex &m) : m_(m) { m_.lock(); }
  ~Hold() { m_.unlock(); }

private:
  std::mutex &m_;
};

std::mutex table;
int hits = 0;

void countThenPause() {
  {
    Hold h(table);
    ++hits;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

// Kept positive: the sleep is inside the guard's scope.
void pauseWhileHolding() {
  Hold h(table);
  // CHECK: :[[@LINE+1]]:3: warning: sleep call to 'std::this_thread::sleep_for' while holding 'Hold::m_'{{.*}}[concur-blocking-call-under-lock]
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // CHECK: :[[@LINE-3]]:{{[0-9]+}}: note: 'pauseWhileHolding' calls 'Hold::Hold' here
  // CHECK: :11:{{[0-9]+}}: note: 'Hold::m_' is acquired here
  // CHECK: :11:{{[0-9]+}}: note: 'Hold::Hold' also takes 'Hold::m_' here and waits meanwhile
  ++hits;
}

int countHits() {
  Hold h(table);
  return hits;
}
