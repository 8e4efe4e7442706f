// RUN: %clang_tidy -checks='-*,concur-blocking-call-in-coroutine' %s -- -std=c++20 -I %S/Inputs 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-blocking-call-in-coroutine' %s \
// RUN:   -config="{CheckOptions: {concur-blocking-call-in-coroutine.ReportLockAcquisition: true, concur-blocking-call-in-coroutine.BlockingFunctions: 'db::query=io', concur-blocking-call-in-coroutine.AllowedFunctions: 'std::this_thread::sleep_until'}}" \
// RUN:   -- -std=c++20 -I %S/Inputs 2>&1 | FileCheck %s --check-prefix=OPTS

#include "mini_task.h"
#include <chrono>
#include <future>
#include <mutex>
#include <poll.h>
#include <thread>
#include <unistd.h>
#include <cstdlib>

using namespace std::chrono_literals;

// ---- Positives -------------------------------------------------------------

Task<int> direct_sleep() {
  std::this_thread::sleep_for(10ms);
  // CHECK: :[[@LINE-1]]:3: warning: sleep call to 'std::this_thread::sleep_for' in coroutine 'direct_sleep' blocks the thread running the event loop; co_await an asynchronous sleep
  co_return 1;
}

void leaf() { usleep(100); }
void middle() { leaf(); }
Task<> through_callees() {
  co_await loop::sleep(1);
  middle();
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'through_callees' calls 'middle', which reaches sleep call 'usleep'
  // CHECK: :[[@LINE-5]]:17: note: 'middle' calls 'leaf' here
  // CHECK: :[[@LINE-7]]:15: note: 'usleep' blocks here (sleep)
}

Task<> waits_on_future(std::future<int> &f, std::shared_future<int> sf) {
  int v = f.get();
  // CHECK: :[[@LINE-1]]:13: warning: synchronous wait call to 'std::future::get' in coroutine 'waits_on_future'
  f.wait(); // declared in a private base class of std::future
  // CHECK: :[[@LINE-1]]:5: warning: synchronous wait call to 'std::future::wait'
  (void)sf.wait_for(1s);
  // CHECK: :[[@LINE-1]]:12: warning: synchronous wait call to 'std::shared_future::wait_for'
  co_return;
}

Task<> joins(std::thread &t) {
  t.join();
  // CHECK: :[[@LINE-1]]:5: warning: synchronous wait call to 'std::thread::join'
  co_return;
}

Task<int> reads_fd(int fd) {
  char buf[64];
  auto n = read(fd, buf, sizeof buf);
  // CHECK: :[[@LINE-1]]:12: warning: blocking I/O call to 'read'
  struct pollfd p{fd, POLLIN, 0};
  poll(&p, 1, 500);
  // CHECK: :[[@LINE-1]]:3: warning: blocking I/O call to 'poll'
  co_return static_cast<int>(n);
}

Task<> runs_process() {
  std::system("make");
  // CHECK: :[[@LINE-1]]:3: warning: process wait call to 'system'
  co_return;
}

[[clang::annotate("concur::blocking")]] void legacy_rpc();
Task<> calls_annotated() {
  legacy_rpc();
  // CHECK: :[[@LINE-1]]:3: warning: annotated blocking call to 'legacy_rpc'
  co_return;
}

auto coroutine_lambda = []() -> Task<> {
  sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: sleep call to 'sleep' in coroutine 'lambda'
  co_return;
};

Task<> immediately_invoked_lambda() {
  [] { std::this_thread::sleep_for(1s); }();
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'immediately_invoked_lambda' calls 'lambda', which reaches sleep call 'std::this_thread::sleep_for'
  // CHECK: :[[@LINE-2]]:8: note: 'std::this_thread::sleep_for' blocks here (sleep)
  co_return;
}

template <typename T> Task<T> generic_sleep(T v) {
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1s);
  // CHECK: :[[@LINE-1]]:3: warning: sleep call to 'std::this_thread::sleep_until' in coroutine 'generic_sleep'
  co_return v;
}
template Task<int> generic_sleep(int);
template Task<long> generic_sleep(long); // one finding for both instantiations

// Mutual recursion must terminate and still find the blocking call.
void ping(int n);
void pong(int n) { if (n) ping(n - 1); else sleep(1); }
void ping(int n) { pong(n); }
Task<> recursion() {
  ping(3);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'recursion' calls 'ping', which reaches sleep call 'sleep'
  // CHECK: :[[@LINE-4]]:20: note: 'ping' calls 'pong' here
  // CHECK: :[[@LINE-6]]:45: note: 'sleep' blocks here (sleep)
  co_return;
}

// ---- Look-alike negatives ----------------------------------------------------

void plain_function_may_block() { std::this_thread::sleep_for(1s); }

Task<> hands_work_to_a_thread() {
  // The lambda runs on the new thread, not on the loop.
  std::thread worker([] { std::this_thread::sleep_for(1s); });
  worker.detach();
  co_await loop::sleep(10); // the loop's sleep is an awaitable, not a blocking call
}

std::mutex m;
Task<> short_critical_section(int &counter) {
  // Tolerated by default: no suspension point while the lock is held.
  {
    std::lock_guard<std::mutex> g(m);
    // OPTS: :[[@LINE-1]]:33: warning: lock acquisition call to 'std::lock_guard::lock_guard'
    ++counter;
  }
  std::unique_lock<std::mutex> deferred(m, std::defer_lock); // does not lock
  if (m.try_lock()) // never blocks
    m.unlock();
  co_return;
}

namespace db { int query(const char *) { return 0; } }
namespace files { int read(int, char *, int) { return 0; } } // not POSIX read
struct Timer { void sleep(int) {} };                           // not ::sleep
Task<> look_alike_names() {
  char b[4];
  files::read(0, b, 4);
  Timer t;
  t.sleep(5);
  db::query("select 1");
  // OPTS: :[[@LINE-1]]:3: warning: blocking I/O call to 'db::query' in coroutine 'look_alike_names' blocks the thread running the event loop; use non-blocking I/O
  co_return;
}

Task<> non_blocking_forms(int fd) {
  struct pollfd p{fd, POLLIN, 0};
  poll(&p, 1, 0); // zero timeout: a poll, not a wait
  using T = decltype(std::this_thread::sleep_for(1s)); // unevaluated
  (void)sizeof(sleep(1));                              // unevaluated
  co_return;
}

Task<> suppressed() {
  sleep(1); // NOLINT(concur-blocking-call-in-coroutine)
  co_return;
}

// A blocking callee coroutine is reported once, in itself, not in its callers.
Task<> blocking_child() {
  sleep(2);
  // CHECK: :[[@LINE-1]]:3: warning: sleep call to 'sleep' in coroutine 'blocking_child'
  co_return;
}
Task<> awaits_child() { co_await blocking_child(); }

// With AllowedFunctions, the allow-listed call disappears but the others stay.
// OPTS-NOT: warning: {{.*}}'std::this_thread::sleep_until'
// OPTS: warning: sleep call to 'sleep' in coroutine 'blocking_child'
