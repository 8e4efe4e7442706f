// A lock taken under a test that the function cannot change, and released
// under the same test, is taken and released on the same paths: a flag
// parameter, an optional symbol's address, several of them with &&.
// RUN: %clang_tidy -checks='-*,concur-manual-lock-unlock' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <mutex>
#include <pthread.h>

pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
int table[64];
std::mutex registry_mu;
int registry_size;

int lookup(bool threaded, int key) {
  if (threaded)
    pthread_mutex_lock(&table_mu);
  if (key < 0 || key >= 64) {
    if (threaded)
      pthread_mutex_unlock(&table_mu);
    return -1;
  }
  int v = table[key];
  if (threaded)
    pthread_mutex_unlock(&table_mu);
  return v;
}

// Hooks a host program may or may not provide (weak symbols).
extern "C" void host_enter(void) __attribute__((weak));
extern "C" void host_leave(void) __attribute__((weak));
#define HOST_LOCKING (host_enter && host_leave)

int registerEntry(int kind) {
  if (HOST_LOCKING)
    registry_mu.lock();
  switch (kind) {
  case 0:
    break; // leaves the switch, not the function
  default:
    ++registry_size;
  }
  int n = registry_size;
  if (HOST_LOCKING)
    registry_mu.unlock();
  return n;
}

// Kept positives: the flag changes between the tests, or the tests differ.
int drain(bool threaded, int budget) {
  if (threaded)
    pthread_mutex_lock(&table_mu);
  threaded = budget > 0;
  int v = table[0];
  if (threaded)
    pthread_mutex_unlock(&table_mu);
  return v;
}
// CHECK: :52:5: warning: 'table_mu' is locked here but some paths leave 'drain' without unlocking it (a return){{.*}}[concur-manual-lock-unlock]
// CHECK: :57:3: note: this return leaves 'table_mu' locked
// CHECK: :56:5: note: 'table_mu' is unlocked here on other paths

int peek(bool reading, bool writing) {
  if (reading)
    registry_mu.lock();
  int n = registry_size;
  if (writing)
    registry_mu.unlock();
  return n;
}
// CHECK: :65:5: warning: 'registry_mu' is locked here but some paths leave 'peek' without unlocking it (a return){{.*}}[concur-manual-lock-unlock]
// CHECK: :69:3: note: this return leaves 'registry_mu' locked
// CHECK: :68:5: note: 'registry_mu' is unlocked here on other paths

// A local flag the function only sets to constants tracks the lock: its
// value along each path is the last constant stored.
bool done(int);
void retire(int);
void sweep(int bucket) {
  bool locked = true;
  registry_mu.lock();
  for (int i = 0; i < registry_size; ++i) {
    if (done(i)) {
      registry_mu.unlock();
      locked = false;
      retire(i);
      break;
    }
  }
  if (locked)
    registry_mu.unlock();
}

// Kept positive: the flag says the lock is held, and one of those paths
// returns without unlocking.
void sweepEarly(int bucket) {
  bool locked = true;
  registry_mu.lock();
  if (done(bucket)) {
    registry_mu.unlock();
    locked = false;
  }
  if (!locked)
    return;
  if (bucket > 3)
    return;
  registry_mu.unlock();
}
// CHECK: :[[@LINE-11]]:3: warning: 'registry_mu' is locked here but some paths leave 'sweepEarly' without unlocking it (a return){{.*}}[concur-manual-lock-unlock]
// CHECK: :[[@LINE-4]]:5: note: this return leaves 'registry_mu' locked
// CHECK: :[[@LINE-4]]:3: note: 'registry_mu' is unlocked here on other paths

// The same test made earlier, with a branch of its own inside: the paths
// that already know the flag is false must not blur what the lock's own
// test tells the paths that take it.
std::atomic<long> lowest{0};
int journal[8];
int append(bool shared, long seq, int slot) {
  if (shared) {
    long cur = lowest.load();
    while (cur < seq && !lowest.compare_exchange_weak(cur, seq)) {
    }
  } else {
    journal[0]++;
  }
  if (shared)
    registry_mu.lock();
  journal[slot & 7] = slot;
  if (shared)
    registry_mu.unlock();
  return 0;
}

// Kept positive: after the same shape, one path returns between the tests.
int appendEarly(bool shared, long seq, int slot) {
  if (shared) {
    long cur = lowest.load();
    if (cur < seq)
      lowest.store(seq);
  }
  if (shared)
    registry_mu.lock();
  if (slot < 0)
    return -1;
  journal[slot & 7] = slot;
  if (shared)
    registry_mu.unlock();
  return 0;
}
// CHECK: :[[@LINE-8]]:5: warning: 'registry_mu' is locked here but some paths leave 'appendEarly' without unlocking it (a return){{.*}}[concur-manual-lock-unlock]
// CHECK: :[[@LINE-7]]:5: note: this return leaves 'registry_mu' locked
// CHECK: :[[@LINE-5]]:5: note: 'registry_mu' is unlocked here on other paths
