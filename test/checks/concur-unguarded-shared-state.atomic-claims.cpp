// An atomic's first transition is seen by one thread only: the branch that
// tests for it (`++users == 1`, `fetch_add(1) == 0`, `!exchange(true)`, a
// compare-exchange from 0) does not run concurrently with itself, nor does a
// spin lock's critical section between `exchange(true)` and `store(false)`.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <thread>

struct Library {
  static std::atomic<int> users;
  static void attach();
};
std::atomic<int> Library::users{0};

int cpuLevel;
bool slowPath;
void probeHardware() {
  cpuLevel = 4;
  slowPath = cpuLevel < 2;
}
void Library::attach() {
  if (++users == 1)
    probeHardware();
}

std::atomic<bool> started{false};
int *arena;
void startOnce() {
  if (!started.exchange(true))
    arena = new int[64];
}

std::atomic<long> calls{0};
long firstCall;
void noteCall() {
  if (calls.fetch_add(1, std::memory_order_acq_rel) == 0)
    firstCall = 42;
}

std::atomic<int> phase{0};
int phaseData;
void enterPhase() {
  int expected = 0;
  if (phase.compare_exchange_strong(expected, 1))
    phaseData = 7;
}

std::atomic<bool> busy{false};
long hits;
long misses;
void count() {
  while (busy.exchange(true, std::memory_order_acquire))
    std::this_thread::yield();
  ++hits;
  busy.store(false, std::memory_order_release);
  ++misses; // after the release: a race (kept positive below)
}

void client() {
  Library::attach();
  startOnce();
  noteCall();
  enterPhase();
  count();
}
void clients() {
  std::thread a(client), b(client);
  a.join();
  b.join();
}

// Kept positives: a reader outside the winner's branch, and a write on the
// losers' side of the test.
int peekLevel() { return cpuLevel; }
void lateJoiner() {
  if (Library::users.fetch_add(1) > 0)
    slowPath = true;
}
void peeker() {
  Library::attach();
  peekLevel();
  lateJoiner();
}
void peekers() {
  std::thread a(peeker), b(peeker);
  a.join();
  b.join();
}
// CHECK: :19:3: warning: shared 'cpuLevel' is written on the thread started at line 86 with no lock held, and read on another instance of that thread with no lock held; guard both with one mutex or make it std::atomic {{.*}}[concur-unguarded-shared-state]
// CHECK: :86:15: note: thread entry 'peeker' starts here
// CHECK: :81:3: note: 'peeker' calls 'Library::attach' here
// CHECK: :24:5: note: 'Library::attach' calls 'probeHardware' here
// CHECK: :75:26: note: conflicting read of 'cpuLevel' on the thread started at line 86
// CHECK: :86:26: note: thread entry 'peeker' starts here
// CHECK: :82:3: note: 'peeker' calls 'peekLevel' here
// CHECK: :20:3: warning: shared 'slowPath' is written on the thread started at line 86 with no lock held, and written on another instance of that thread with no lock held; guard both with one mutex or make it std::atomic {{.*}}[concur-unguarded-shared-state]
// CHECK: :86:15: note: thread entry 'peeker' starts here
// CHECK: :81:3: note: 'peeker' calls 'Library::attach' here
// CHECK: :24:5: note: 'Library::attach' calls 'probeHardware' here
// CHECK: :78:5: note: conflicting write of 'slowPath' on the thread started at line 86
// CHECK: :86:26: note: thread entry 'peeker' starts here
// CHECK: :83:3: note: 'peeker' calls 'lateJoiner' here
// CHECK: :57:5: warning: read-modify-write of shared 'misses' on the thread started at line 68 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides); make it std::atomic or hold one mutex around both {{.*}}[concur-unguarded-shared-state]
// CHECK: :68:15: note: thread entry 'client' starts here
// CHECK: :65:3: note: 'client' calls 'count' here
// CHECK: :57:5: note: conflicting write of 'misses' on the thread started at line 68
// CHECK: :68:26: note: thread entry 'client' starts here
// CHECK: :65:3: note: 'client' calls 'count' here
// CHECK: :78:5: warning: shared 'slowPath' is written on the thread started at line 86 with no lock held, and written on another instance of that thread with no lock held; guard both with one mutex or make it std::atomic {{.*}}[concur-unguarded-shared-state]
// CHECK: :86:15: note: thread entry 'peeker' starts here
// CHECK: :83:3: note: 'peeker' calls 'lateJoiner' here
// CHECK: :20:3: note: conflicting write of 'slowPath' on the thread started at line 86
// CHECK: :86:26: note: thread entry 'peeker' starts here
// CHECK: :81:3: note: 'peeker' calls 'Library::attach' here
// CHECK: :24:5: note: 'Library::attach' calls 'probeHardware' here
