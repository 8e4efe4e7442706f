// RUN: %clang_tidy -checks='-*,concur-blocking-call-in-coroutine' %s -- -std=c++20 -I %S/Inputs -I %srcroot/runtime/include 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-blocking-call-in-coroutine' %s \
// RUN:   -config="{CheckOptions: {concur-blocking-call-in-coroutine.ReportLockAcquisition: true, concur-blocking-call-in-coroutine.BlockingFunctions: 'db::query=io', concur-blocking-call-in-coroutine.AllowedFunctions: 'std::this_thread::sleep_until'}}" \
// RUN:   -- -std=c++20 -I %S/Inputs -I %srcroot/runtime/include 2>&1 | FileCheck %s --check-prefix=OPTS

#include "mini_task.h"
#include <chrono>
#include <future>
#include <mutex>
#include <poll.h>
#include <thread>
#include <unistd.h>
#include <cstdlib>
#include <atomic>
#include <barrier>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <latch>
#include <netdb.h>
#include <semaphore>
#include <sstream>
#include <sys/wait.h>
// The runtime's part runs when its headers are on the include path (this
// file's RUN lines); other tests reuse this file without them.
#if __has_include(<concur/event_loop.h>)
#define WITH_RUNTIME 1
#include <concur/event_loop.h>
#include <concur/sync.h>
#include <concur/thread_pool.h>
#endif

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

Task<> synchronous_waits(std::condition_variable &cv, std::mutex &mu,
                         std::counting_semaphore<8> &sem, std::binary_semaphore &bin,
                         std::latch &done, std::barrier<> &phase,
                         std::atomic<int> &flag) {
  std::unique_lock<std::mutex> lk(mu, std::defer_lock);
  cv.wait(lk);
  // CHECK: :[[@LINE-1]]:6: warning: synchronous wait call to 'std::condition_variable::wait'
  (void)cv.wait_for(lk, 10ms);
  // CHECK: :[[@LINE-1]]:12: warning: synchronous wait call to 'std::condition_variable::wait_for'
  sem.acquire();
  // CHECK: :[[@LINE-1]]:7: warning: synchronous wait call to 'std::counting_semaphore::acquire'
  bin.acquire();
  // CHECK: :[[@LINE-1]]:7: warning: synchronous wait call to 'std::counting_semaphore::acquire'
  (void)sem.try_acquire_for(5ms);
  // CHECK: :[[@LINE-1]]:13: warning: synchronous wait call to 'std::counting_semaphore::try_acquire_for'
  done.wait();
  // CHECK: :[[@LINE-1]]:8: warning: synchronous wait call to 'std::latch::wait'
  phase.arrive_and_wait();
  // CHECK: :[[@LINE-1]]:9: warning: synchronous wait call to 'std::barrier::arrive_and_wait'
  flag.wait(0);
  // CHECK: :[[@LINE-1]]:8: warning: synchronous wait call to 'std::atomic::wait'
  co_return;
}

Task<> blocking_io(const char *path, int sock) {
  FILE *f = fopen(path, "r");
  // CHECK: :[[@LINE-1]]:13: warning: blocking I/O call to 'fopen'
  char line[80];
  fgets(line, sizeof line, f);
  // CHECK: :[[@LINE-1]]:3: warning: blocking I/O call to 'fgets'
  std::ifstream in(path);
  // CHECK: :[[@LINE-1]]:17: warning: blocking I/O call to 'std::basic_ifstream::basic_ifstream'
  std::string word;
  in >> word;
  // CHECK: :[[@LINE-1]]:6: warning: blocking I/O call to 'std::basic_ifstream::operator>>'
  std::getline(std::cin, word);
  // CHECK: :[[@LINE-1]]:3: warning: blocking I/O call to 'std::cin::getline'
  int n;
  std::cin >> n;
  // CHECK: :[[@LINE-1]]:12: warning: blocking I/O call to 'std::cin::operator>>'
  addrinfo *res = nullptr;
  getaddrinfo("example.com", "80", nullptr, &res);
  // CHECK: :[[@LINE-1]]:3: warning: blocking I/O call to 'getaddrinfo'
  char buf[16];
  recv(sock, buf, sizeof buf, 0);
  // CHECK: :[[@LINE-1]]:3: warning: blocking I/O call to 'recv'
  co_return;
}

Task<> child_processes() {
  FILE *p = popen("ls", "r");
  // CHECK: :[[@LINE-1]]:13: warning: process wait call to 'popen'
  int status;
  waitpid(-1, &status, 0);
  // CHECK: :[[@LINE-1]]:3: warning: process wait call to 'waitpid'
  (void)p;
  co_return;
}

#ifdef WITH_RUNTIME
// The runtime library's blocking primitives (it also marks them
// CONCUR_BLOCKING); its awaitables are fine.
concur::Task<> runtime_primitives(concur::Event &ready, concur::Future<int> &result,
                          concur::ThreadPool &pool) {
  ready.wait();
  // CHECK: :[[@LINE-1]]:9: warning: synchronous wait call to 'concur::Event::wait'
  int v = result.get();
  // CHECK: :[[@LINE-1]]:18: warning: synchronous wait call to 'concur::Future::get'
  concur::this_thread::sleep_for(5ms);
  // CHECK: :[[@LINE-1]]:3: warning: sleep call to 'concur::this_thread::sleep_for'
  pool.shutdown();
  // CHECK: :[[@LINE-1]]:8: warning: synchronous wait call to 'concur::ThreadPool::shutdown'
  if (result.wait_for(0s)) // a poll, and it proves the future done
    v += result.get();
  (void)v;
  co_return;
}

#endif

// A ready check guards the get() in a callee: the chain has no blocking hop.
int take_if_ready(std::future<int> &f) {
  if (f.wait_for(0s) == std::future_status::ready)
    return f.get();
  return -1;
}
int take_now(std::future<int> &f) { return f.get(); }
Task<> through_callee_ready_checks(std::future<int> &f) {
  take_if_ready(f);
  take_now(f);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'through_callee_ready_checks' calls 'take_now', which reaches synchronous wait call 'std::future::get'
  // CHECK: :[[@LINE-5]]:46: note: 'std::future::get' blocks here (synchronous wait)
  co_return;
}

// get() after a readiness test is flow-sensitive: only on the ready edge.
Task<int> ready_then_get(std::future<int> f, std::future<int> other,
                         std::future<int> third, bool fast) {
  int sum = 0;
  if (f.wait_for(0s) == std::future_status::ready)
    sum += f.get(); // ready: does not wait
  while (other.wait_for(0s) != std::future_status::ready)
    co_await loop::sleep(1);
  sum += other.get(); // the loop exits only when ready
  auto status = f.wait_until(std::chrono::steady_clock::time_point{});
  if (status != std::future_status::ready)
    co_return sum;
  sum += f.get(); // ready through the status variable
  if (fast && third.wait_for(0s) == std::future_status::ready)
    sum += third.get();
  sum += third.get(); // not ready on the paths where a test failed
  // CHECK: :[[@LINE-1]]:16: warning: synchronous wait call to 'std::future::get' in coroutine 'ready_then_get'
  co_return sum;
}

Task<int> readiness_lost(std::future<int> f, std::future<int> g) {
  if (f.wait_for(0s) == std::future_status::ready) {
    f = std::move(g); // replaced: no longer known ready
    co_return f.get();
    // CHECK: :[[@LINE-1]]:17: warning: synchronous wait call to 'std::future::get'
  }
  if (g.wait_for(0s) == std::future_status::ready)
    co_return f.get(); // a different future was tested
  // CHECK: :[[@LINE-1]]:17: warning: synchronous wait call to 'std::future::get'
  co_return 0;
}

// ---- Look-alike negatives ----------------------------------------------------

Task<> polls_and_try_forms(std::future<int> &f, std::counting_semaphore<8> &sem,
                           std::timed_mutex &tm, std::condition_variable &cv,
                           std::unique_lock<std::mutex> &lk) {
  (void)f.wait_for(0s);                                         // a poll
  (void)f.wait_until(std::chrono::steady_clock::time_point{}); // the past: a poll
  (void)sem.try_acquire();                                      // never blocks
  (void)sem.try_acquire_for(std::chrono::milliseconds(0));      // zero timeout
  (void)tm.try_lock_for(0s);
  (void)cv.wait_for(lk, 0s);
  co_return;
}

Task<> streams_that_do_not_block(std::istream &unknown) {
  std::istringstream text("a b");
  std::string word;
  text >> word;             // in memory
  std::getline(text, word); // in memory
  std::ofstream unopened;   // opens nothing
  std::cout << "progress\n"; // terminal output is not reported
  (void)unknown;
  co_return;
}

// A plain lambda and a plain function next to coroutines may block: they
// do not run on the loop unless a coroutine calls them.
auto blocking_helper = [] { std::this_thread::sleep_for(1s); };
void blocking_function() { blocking_helper(); }

#ifdef WITH_RUNTIME
concur::Task<int> hands_work_to_executor(concur::ThreadPool &pool) {
  // run_in_executor runs the lambda on the pool's worker.
  int v = co_await concur::run_in_executor(pool, [] {
    std::this_thread::sleep_for(1s);
    return 7;
  });
  auto later = [] { sleep(1); }; // defined here, never called here
  pool.submit(later).wait_for(0s);
  co_await concur::sleep(10ms); // the runtime's asynchronous sleep
  co_return v;
}
#endif

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
