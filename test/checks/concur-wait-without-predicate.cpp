// RUN: %clang_tidy -checks='-*,concur-wait-without-predicate' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-wait-without-predicate' %s \
// RUN:   -config="{CheckOptions: {concur-wait-without-predicate.CheckLostWakeups: false}}" \
// RUN:   -- -std=c++20 2>&1 | FileCheck %s --check-prefix=NOLOST --implicit-check-not='lost wake-up'

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <pthread.h>

std::mutex m;
std::condition_variable cv;
bool ready = false;

void bare_wait() {
  std::unique_lock<std::mutex> lk(m);
  // CHECK: :[[@LINE+1]]:3: warning: wait on 'cv' with no predicate and no loop re-checking the awaited state{{.*}}[concur-wait-without-predicate]
  cv.wait(lk);
}
// NOLOST: :[[@LINE-2]]:3: warning: wait on 'cv' with no predicate

void bare_wait_for() {
  std::unique_lock<std::mutex> lk(m);
  // CHECK: :[[@LINE+1]]:7: warning: wait on 'cv' with no predicate{{.*}}[concur-wait-without-predicate]
  if (cv.wait_for(lk, std::chrono::seconds(1)) == std::cv_status::timeout)
    return;
}

void with_predicate() {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [] { return ready; });
  cv.wait_for(lk, std::chrono::seconds(1), [] { return ready; });
}

void in_loop() {
  std::unique_lock<std::mutex> lk(m);
  while (!ready)
    cv.wait(lk);
}

std::deque<int> queue;
bool stopping = false;
void endless_with_exit() {
  std::unique_lock<std::mutex> lk(m);
  for (;;) {
    cv.wait(lk);
    if (stopping)
      return;
  }
}

void endless_without_recheck() {
  std::unique_lock<std::mutex> lk(m);
  while (true) {
    // CHECK: :[[@LINE+1]]:5: warning: wait on 'cv' with no predicate{{.*}}[concur-wait-without-predicate]
    cv.wait(lk);
    queue.pop_front();
  }
}

pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t pc = PTHREAD_COND_INITIALIZER;
int pready = 0;
void posix_wait() {
  pthread_mutex_lock(&pm);
  // CHECK: :[[@LINE+1]]:3: warning: wait on 'pc' with no predicate{{.*}}[concur-wait-without-predicate]
  pthread_cond_wait(&pc, &pm);
  while (!pready)
    pthread_cond_wait(&pc, &pm);
  pthread_mutex_unlock(&pm);
}

// Lost wake-ups: the flag is set without the mutex the waiter tests it under.
void set_unlocked() {
  // CHECK: :[[@LINE+1]]:3: warning: 'ready' is changed without holding 'm' and then 'cv' is notified{{.*}}(lost wake-up){{.*}}[concur-wait-without-predicate]
  ready = true;
  cv.notify_one();
  // CHECK: :[[@LINE-1]]:3: note: 'cv' is notified here
  // CHECK: :34:3: note: the waiter tests 'ready' under 'm' here
}

void set_locked() {
  {
    std::lock_guard<std::mutex> g(m);
    ready = true;
  }
  cv.notify_one();
}

void set_then_empty_section() {
  ready = true;
  { std::lock_guard<std::mutex> g(m); }
  cv.notify_all();
}

std::mutex qm;
std::condition_variable qcv;
std::atomic<bool> done{false};
void consumer() {
  std::unique_lock<std::mutex> lk(qm);
  qcv.wait(lk, [] { return done.load(); });
}
void producer_atomic_unlocked() {
  // CHECK: :[[@LINE+1]]:3: warning: 'done' is changed without holding 'qm' and then 'qcv' is notified{{.*}}[concur-wait-without-predicate]
  done.store(true);
  qcv.notify_all();
  // CHECK: :[[@LINE-1]]:3: note: 'qcv' is notified here
  // CHECK: :[[@LINE-7]]:3: note: the waiter tests 'done' under 'qm' here
}
// Unrelated state changed without the lock: fine.
int stats = 0;
void unrelated() {
  ++stats;
  qcv.notify_all();
}
