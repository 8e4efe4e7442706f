// A helper that is lent the caller's guard and unlocks it before blocking
// does not block under the lock; one that blocks with the guard still
// locked does.
// RUN: %clang_tidy -checks='-*,concur-blocking-call-under-lock' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>
#include <unistd.h>

std::mutex mu;
int queued;

int waitForWork(std::unique_lock<std::mutex> &lk, int fd) {
  if (queued > 0) {
    --queued;
    return 1;
  }
  lk.unlock();
  char c;
  return static_cast<int>(read(fd, &c, 1));
}
int runOnce(int fd) {
  std::unique_lock<std::mutex> lk(mu);
  return waitForWork(lk, fd);
}

// Kept positive: the helper blocks with the lent guard still locked.
int peekWork(std::unique_lock<std::mutex> &lk, int fd) {
  char c;
  return static_cast<int>(read(fd, &c, 1)) + queued;
}
int runPeek(int fd) {
  std::unique_lock<std::mutex> lk(mu);
  // CHECK: :[[@LINE+1]]:10: warning: 'peekWork' reaches blocking I/O call 'read' while 'mu' is held here{{.*}}[concur-blocking-call-under-lock]
  return peekWork(lk, fd);
  // CHECK: :29:{{[0-9]+}}: note: 'read' blocks here (blocking I/O)
  // CHECK: :[[@LINE-4]]:{{[0-9]+}}: note: 'mu' is acquired here
  // CHECK: :{{[0-9]+}}:{{[0-9]+}}: note: 'runOnce' also takes 'mu' here and waits meanwhile
}

void producer() {
  std::lock_guard<std::mutex> g(mu);
  ++queued;
}
