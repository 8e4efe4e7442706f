// A spin lock built on std::atomic_flag is a lock: `test_and_set` in a loop
// takes it where the flag was clear, `clear` releases it, also when both
// sit in static lock()/unlock() helpers.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <thread>

struct InitGate {
  static std::atomic_flag busy;
  static void lock() {
    while (busy.test_and_set(std::memory_order_acquire))
      std::this_thread::yield();
  }
  static void unlock() { busy.clear(std::memory_order_release); }
};
std::atomic_flag InitGate::busy = ATOMIC_FLAG_INIT;

bool tracing;
int version;

void initialize() {
  InitGate::lock();
  if (!tracing) {
    tracing = true;
    version = 3;
  }
  InitGate::unlock();
}
// initialize() is one-time set-up (its writes are not raced); bumping the
// version under the gate is not.
void bumpVersion() {
  InitGate::lock();
  ++version;
  InitGate::unlock();
}
int readVersion() {
  InitGate::lock();
  int v = version;
  InitGate::unlock();
  return v;
}
void worker() {
  initialize();
  bumpVersion();
  readVersion();
}
void workers() {
  std::thread a(worker), b(worker);
  a.join();
  b.join();
}

// Kept positive: a reader that skips the gate.
int peekVersion() { return version; }
void peeker() {
  initialize();
  bumpVersion();
  peekVersion();
}
void peekers() {
  std::thread a(peeker), b(peeker);
  a.join();
  b.join();
}
// CHECK: :55:28: warning: shared 'version' is read on the thread started at line 62 with no lock held, and updated on another instance of that thread with only 'busy' held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :62:15: note: thread entry 'peeker' starts here
// CHECK: :59:3: note: 'peeker' calls 'peekVersion' here
// CHECK: :34:5: note: conflicting write of 'version' on the thread started at line 62
// CHECK: :62:26: note: thread entry 'peeker' starts here
// CHECK: :58:3: note: 'peeker' calls 'bumpVersion' here
// CHECK: :33:3: note: 'busy' is held here
