// A path knows what it last stored into a local flag, even one the body
// assigns more than once, until the next assignment: a lock taken on the
// last of several tries (`last_try = (i == kTries - 1)`), and released
// where no retry was asked for, is released on every path that took it,
// because only the earlier tries ask for a retry. When the last try may
// ask for one too, the loop ends holding the lock.
// RUN: %clang_tidy -checks='-*,concur-manual-lock-unlock' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>

std::mutex view_mu;
long published;
bool changed(int part);

long snapshotAll(int parts) {
  constexpr int kTries = 3;
  bool last_try = false;
  long seq = 0;
  for (int i = 0; i < kTries; ++i) {
    last_try = (i == kTries - 1);
    bool retry = false;
    if (last_try)
      view_mu.lock(); // the last try holds the lock so that it succeeds
    seq = published;
    for (int p = 0; p < parts; ++p) {
      if (last_try)
        continue;
      if (changed(p)) {
        retry = true;
        break;
      }
    }
    if (!retry) {
      if (last_try)
        view_mu.unlock();
      break;
    }
  }
  return seq;
}

long snapshotAllLeaky(int parts) {
  constexpr int kTries = 3;
  bool last_try = false;
  long seq = 0;
  for (int i = 0; i < kTries; ++i) {
    last_try = (i == kTries - 1);
    bool retry = false;
    if (last_try)
      view_mu.lock();
    // CHECK: :[[@LINE-1]]:7: warning: 'view_mu' is locked here but some paths leave 'snapshotAllLeaky' without unlocking it (a break); other threads then block on it forever: use a scoped guard (std::lock_guard, std::unique_lock) so that every path unlocks [concur-manual-lock-unlock]
    // CHECK: :58:9: note: this break leaves 'view_mu' locked
    // CHECK: :62:9: note: 'view_mu' is unlocked here on other paths
    seq = published;
    for (int p = 0; p < parts; ++p)
      if (changed(p)) { // the last try may ask for a retry too
        retry = true;
        break;
      }
    if (!retry) {
      if (last_try)
        view_mu.unlock();
      break;
    }
  }
  return seq;
}
