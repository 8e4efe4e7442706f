// A scoped guard of the program's own (its constructor locks, its
// destructor unlocks) holds the mutex it is given, by that mutex's name, and
// releases it where it goes out of scope.
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
  // CHECK: :[[@LINE+1]]:3: warning: sleep call to 'std::this_thread::sleep_for' while holding 'table'{{.*}}[concur-blocking-call-under-lock]
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // CHECK: :[[@LINE-3]]:8: note: 'table' is acquired here
  // CHECK: :24:10: note: 'countThenPause' also takes 'table' here and waits meanwhile
  ++hits;
}

int countHits() {
  Hold h(table);
  return hits;
}
