// A function-local static's dynamic initialiser runs once, on the first
// thread to reach the declaration, while any other thread waits for it
// (a "magic static"): what it does is not raced by a second run, and it is
// done before any thread goes past the declaration.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <thread>

int instancesMade;
struct Settings {
  int verbosity;
  Settings() : verbosity(1) { ++instancesMade; }
};
Settings &settings() {
  static Settings s; // Meyers singleton
  return s;
}

int probeCount;
int probeCpu() {
  probeCount = probeCount + 1;
  return 4;
}
int cpuCount() {
  static int n = probeCpu();
  return n;
}

void useSingletons() {
  std::thread a([] {
    settings();
    cpuCount();
    probeCount = 0; // after the initialiser, on any thread
  });
  std::thread b([] {
    settings().verbosity;
    instancesMade = 7;
    cpuCount();
  });
  a.join();
  b.join();
}

// ---- Positives -------------------------------------------------------------

// After the declaration, both threads run at once.
int lastCaller;
int &slot() {
  static int value = probeCpu();
  return value;
}
void afterTheStatic() {
  std::thread a([] {
    slot();
    lastCaller = 1;
  });
  std::thread b([] {
    slot();
    lastCaller = 2;
  });
  a.join();
  b.join();
}

// A constant initialiser runs at compile time: it orders nothing.
int sideCount;
int constantStatic() {
  static int fixed = 3;
  return fixed;
}
void constantOnly() {
  std::thread a([] {
    sideCount = 1;
    constantStatic();
  });
  std::thread b([] {
    constantStatic();
    sideCount = 2;
  });
  a.join();
  b.join();
}

// CHECK: :55:5: warning: shared 'lastCaller' is written on the thread started at line 53 with no lock held, and written on the thread started at line 57 with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :53:15: note: thread entry 'lambda' starts here
// CHECK: :59:5: note: conflicting write of 'lastCaller' on the thread started at line 57
// CHECK: :57:15: note: thread entry 'lambda' starts here
// CHECK: :59:5: warning: shared 'lastCaller' is written on the thread started at line 57 with no lock held, and written on the thread started at line 53 with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :57:15: note: thread entry 'lambda' starts here
// CHECK: :55:5: note: conflicting write of 'lastCaller' on the thread started at line 53
// CHECK: :53:15: note: thread entry 'lambda' starts here
// CHECK: :73:5: warning: shared 'sideCount' is written on the thread started at line 72 with no lock held, and written on the thread started at line 76 with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :72:15: note: thread entry 'lambda' starts here
// CHECK: :78:5: note: conflicting write of 'sideCount' on the thread started at line 76
// CHECK: :76:15: note: thread entry 'lambda' starts here
// CHECK: :78:5: warning: shared 'sideCount' is written on the thread started at line 76 with no lock held, and written on the thread started at line 72 with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :76:15: note: thread entry 'lambda' starts here
// CHECK: :73:5: note: conflicting write of 'sideCount' on the thread started at line 72
// CHECK: :72:15: note: thread entry 'lambda' starts here
