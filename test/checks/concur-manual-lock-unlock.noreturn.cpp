// A path that ends in a call that never returns (an assertion's abort
// helper, declared [[noreturn]] or, when it is defined in another file
// and only the analyzer is told, analyzer_noreturn) is not a path out of
// the function: a lock still held there is never left held.
// RUN: %clang_tidy -checks='-*,concur-manual-lock-unlock' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>

void fail(const char *why) __attribute__((analyzer_noreturn)); // defined elsewhere
[[noreturn]] void die(const char *why);
int drain(int timeout);

#define CHECK_OR_FAIL(x)                                                                 \
  do {                                                                                   \
    if (!(x))                                                                            \
      fail(#x);                                                                          \
  } while (0)

std::mutex table_mu;
int live = 0;

int shutdownTable() {
  table_mu.lock();
  CHECK_OR_FAIL(live >= 0);
  bool busy = live > 0;
  table_mu.unlock();
  if (busy && drain(-1) != 0)
    return -1;
  table_mu.lock();
  if (live != 0)
    die("table still in use");
  table_mu.unlock();
  return 0;
}

// Kept positive: a path that returns early with the lock held.
int resizeTable(int n) {
  // CHECK: :[[@LINE+1]]:3: warning: 'table_mu' is locked here but some paths leave 'resizeTable' without unlocking it{{.*}}[concur-manual-lock-unlock]
  table_mu.lock();
  if (n < 0)
    return -1;
  live = n;
  table_mu.unlock();
  return 0;
}
// CHECK: :41:5: note: this return leaves 'table_mu' locked
// CHECK: :43:3: note: 'table_mu' is unlocked here on other paths
