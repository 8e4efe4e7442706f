// RUN: %clang_tidy -checks='-*,concur-blocking-call-under-lock' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-blocking-call-under-lock' %s \
// RUN:   -config="{CheckOptions: {concur-blocking-call-under-lock.BlockingFunctions: 'db::query=io', concur-blocking-call-under-lock.AllowedFunctions: 'std::this_thread::sleep_for'}}" \
// RUN:   -- -std=c++20 2>&1 | FileCheck %s --check-prefix=OPTS

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace db {
int query(const char *sql);
}

std::mutex m;
std::condition_variable cv;
bool ready = false;
int total = 0;

void sleeps_under_lock() {
  std::lock_guard<std::mutex> g(m);
  // CHECK: :[[@LINE+1]]:3: warning: sleep call to 'std::this_thread::sleep_for' while holding 'm': every thread that needs 'm' stalls{{.*}}[concur-blocking-call-under-lock]
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  // CHECK: :[[@LINE-3]]:{{[0-9]+}}: note: 'm' is acquired here
  // CHECK: :{{[0-9]+}}:{{[0-9]+}}: note: '{{.*}}' also takes 'm' here and waits meanwhile
  ++total;
}
// OPTS-NOT: sleep call to 'std::this_thread::sleep_for'

void joins_under_lock(std::thread &t) {
  m.lock();
  // CHECK: :[[@LINE+1]]:5: warning: synchronous wait call to 'std::thread::join' while holding 'm'{{.*}}[concur-blocking-call-under-lock]
  t.join();
  // CHECK: :[[@LINE-3]]:3: note: 'm' is acquired here
  // CHECK: :{{[0-9]+}}:{{[0-9]+}}: note: '{{.*}}' also takes 'm' here and waits meanwhile
  m.unlock();
}

int future_under_lock(std::future<int> &f) {
  std::unique_lock<std::mutex> lk(m);
  // CHECK: :[[@LINE+1]]:12: warning: synchronous wait call to 'std::future::get' while holding 'm'{{.*}}[concur-blocking-call-under-lock]
  return f.get();
  // CHECK: :[[@LINE-3]]:{{[0-9]+}}: note: 'm' is acquired here
  // CHECK: :{{[0-9]+}}:{{[0-9]+}}: note: '{{.*}}' also takes 'm' here and waits meanwhile
}

void io_helper(char *buf) { read(0, buf, 16); }
void io_through_helper(char *buf) {
  std::lock_guard<std::mutex> g(m);
  // CHECK: :[[@LINE+1]]:3: warning: 'io_helper' reaches blocking I/O call 'read' while 'm' is held here{{.*}}[concur-blocking-call-under-lock]
  io_helper(buf);
  // CHECK: :[[@LINE-5]]:29: note: 'read' blocks here (blocking I/O)
  // CHECK: :[[@LINE-4]]:{{[0-9]+}}: note: 'm' is acquired here
  // CHECK: :{{[0-9]+}}:{{[0-9]+}}: note: '{{.*}}' also takes 'm' here and waits meanwhile
}

int user_blocking() {
  std::lock_guard<std::mutex> g(m);
  return db::query("select 1");
}
// OPTS: :[[@LINE-2]]:10: warning: blocking I/O call to 'db::query' while holding 'm'

// The condition variable's own wait releases the held mutex: fine.
void waits_own_lock() {
  std::unique_lock<std::mutex> lk(m);
  cv.wait(lk, [] { return ready; });
}
// Waiting on a condition while holding another mutex is not.
std::mutex outer;
void waits_holding_other() {
  std::lock_guard<std::mutex> o(outer);
  std::unique_lock<std::mutex> lk(m);
  // CHECK: :[[@LINE+1]]:6: warning: synchronous wait call to 'std::condition_variable::wait' while holding 'outer'{{.*}}[concur-blocking-call-under-lock]
  cv.wait(lk, [] { return ready; });
  // CHECK: :[[@LINE-4]]:{{[0-9]+}}: note: 'outer' is acquired here
  // CHECK: :{{[0-9]+}}:{{[0-9]+}}: note: '{{.*}}' also takes 'outer' here and waits meanwhile
}

// A lock only ever held around blocking work serialises that work on
// purpose (one joiner at a time): no thread expects it to be free soon.
std::mutex join_mu;
bool joined = false;
void join_once(std::thread &t) {
  std::lock_guard<std::mutex> g(join_mu);
  if (!joined && t.joinable())
    t.join();
  joined = true;
}

// Writing a line under the lock that keeps log lines whole is not reported
// by default.
void log_line(const char *text) {
  std::lock_guard<std::mutex> g(m);
  fputs(text, stderr);
}

// Blocking after the guard's scope ends, or after unlock(): fine.
void sleeps_after_unlock() {
  {
    std::lock_guard<std::mutex> g(m);
    ++total;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::unique_lock<std::mutex> lk(m);
  ++total;
  lk.unlock();
  std::this_thread::sleep_for(std::chrono::milliseconds(10));
}
// Taking a second mutex is lock ordering, not blocking; a zero wait does
// not block.
void nested_locks_and_poll(std::future<int> &f) {
  std::lock_guard<std::mutex> g(m);
  std::lock_guard<std::mutex> o(outer);
  if (f.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    ++total;
}
