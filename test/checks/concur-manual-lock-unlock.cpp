// Fix-it snippets echo neighbouring source lines, so the diagnostics are
// checked with fix-its off and the rewrite in a copy.
// RUN: %clang_tidy -checks='-*,concur-manual-lock-unlock' %s \
// RUN:   -config="{CheckOptions: {concur-manual-lock-unlock.SuggestFixes: false}}" \
// RUN:   -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not='{{warning|note}}:' --implicit-check-not=FIX-IT
// RUN: cp %s %t.cpp
// RUN: %clang_tidy -checks='-*,concur-manual-lock-unlock' -fix %t.cpp -- -std=c++20 > /dev/null 2>&1
// RUN: FileCheck %s --check-prefix=FIXED < %t.cpp

#include <mutex>
#include <pthread.h>
#include <stdexcept>
#include <vector>

std::mutex m;
std::vector<int> items;
void log(int);

int early_return(int v) {
  // CHECK: :[[@LINE+2]]:3: warning: 'm' is locked here but some paths leave 'early_return' without unlocking it (a return); {{.*}}[concur-manual-lock-unlock]
  // FIXED: std::lock_guard<std::mutex> m_guard(m);
  m.lock();
  if (v < 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: note: this return leaves 'm' locked
  items.push_back(v);
  m.unlock();
  // CHECK: :[[@LINE-1]]:3: note: 'm' is unlocked here on other paths
  // FIXED-NOT: {{^  m\.unlock\(\);$}}
  return 0;
}

// FIXED: void throws(int v) {
void throws(int v) {
  // CHECK: :[[@LINE+1]]:3: warning: 'm' is locked here but some paths leave 'throws' without unlocking it (a throw); {{.*}}[concur-manual-lock-unlock]
  m.lock();
  if (v < 0)
    throw std::invalid_argument("negative");
  // CHECK: :[[@LINE-1]]:5: note: this throw leaves 'm' locked
  items.push_back(v);
  m.unlock();
  // CHECK: :[[@LINE-1]]:3: note: 'm' is unlocked here on other paths
  log(v);
}

pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
void breaks(const std::vector<int> &in) {
  for (int v : in) {
    // CHECK: :[[@LINE+1]]:5: warning: 'pm' is locked here but some paths leave 'breaks' without unlocking it (a break); {{.*}}[concur-manual-lock-unlock]
    pthread_mutex_lock(&pm);
    if (v == 0)
      break;
    // CHECK: :[[@LINE-1]]:7: note: this break leaves 'pm' locked
    items.push_back(v);
    pthread_mutex_unlock(&pm);
    // CHECK: :[[@LINE-1]]:5: note: 'pm' is unlocked here on other paths
  }
}

void gotos(int v) {
  // CHECK: :[[@LINE+1]]:3: warning: 'm' is locked here but some paths leave 'gotos' without unlocking it (a goto); {{.*}}[concur-manual-lock-unlock]
  m.lock();
  if (v < 0)
    goto out;
  // CHECK: :[[@LINE-1]]:5: note: this goto leaves 'm' locked
  items.push_back(v);
  m.unlock();
  // CHECK: :[[@LINE-1]]:3: note: 'm' is unlocked here on other paths
out:
  items.clear();
}

// Every path unlocks: fine.
int balanced(int v) {
  m.lock();
  if (v < 0) {
    m.unlock();
    return -1;
  }
  items.push_back(v);
  m.unlock();
  return 0;
}
// A break followed by the unlock after the loop: fine.
void break_then_unlock(const std::vector<int> &in) {
  m.lock();
  for (int v : in) {
    if (v == 0)
      break;
    items.push_back(v);
  }
  m.unlock();
}
// A lock() wrapper returns holding the lock on every path: intended.
void acquire_items() { m.lock(); }
void release_items() { m.unlock(); }
// Unlocking through a helper counts.
int via_helper(int v) {
  m.lock();
  if (v < 0) {
    release_items();
    return -1;
  }
  release_items();
  return 0;
}
// Scoped guards release on every path.
int guarded(int v) {
  std::lock_guard<std::mutex> g(m);
  if (v < 0)
    return -1;
  items.push_back(v);
  return 0;
}
// A unique_lock that is unlocked early is still released by its destructor.
int unique_early(int v) {
  std::unique_lock<std::mutex> lk(m);
  if (v < 0)
    return -1;
  lk.unlock();
  return 0;
}

