// RUN: %clang_tidy -checks='-*,concur-lock-across-suspension' %s -- -std=c++20 -I %S/Inputs -I %srcroot/runtime/include 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A configured allow-list replaces the default one: the asynchronous mutex
// stand-in becomes a finding, the user's own configured type does not.
// RUN: %clang_tidy -checks='-*,concur-lock-across-suspension' %s \
// RUN:   -config="{CheckOptions: {concur-lock-across-suspension.CoroutineAwareLockTypes: 'app::FairLock'}}" \
// RUN:   -- -std=c++20 -I %S/Inputs -I %srcroot/runtime/include 2>&1 | FileCheck %s --check-prefix=OPTS

#include "coro_kinds.h"
#include "mini_task.h"
#include <concur/annotations.h>
#include <concur/sync.h>
#include <mutex>
#include <pthread.h>
#include <shared_mutex>

std::mutex m;
std::mutex a, b;
std::shared_mutex table_mutex;
pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
concur::Mutex cm;
int counter = 0;

Task<int> fetch();
Task<bool> ready();
void use(int);

// ---- Positives -------------------------------------------------------------

Task<> guard_alive() {
  std::lock_guard<std::mutex> guard(m);
  co_await loop::sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'guard_alive' suspends at co_await while holding 'm': a task that takes it on this thread while the coroutine is suspended deadlocks the event loop, and the coroutine may resume on a thread that does not own it; release the lock before the co_await (end the guard's scope or unlock()), or use a coroutine-aware mutex [concur-lock-across-suspension]
  // CHECK: :[[@LINE-3]]:31: note: 'm' acquired here by guard 'guard', which stays alive until the end of its scope, past the co_await
  ++counter;
}

Task<> manual_lock() {
  m.lock();
  co_await loop::sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'manual_lock' suspends at co_await while holding 'm'
  // CHECK: :[[@LINE-3]]:3: note: 'm' locked here and not unlocked before the co_await
  m.unlock();
}

Task<> declares_result() {
  std::unique_lock<std::mutex> lk(m);
  auto x = co_await fetch();
  // CHECK: :[[@LINE-1]]:12: warning: coroutine 'declares_result' suspends at co_await while holding 'm'
  // CHECK: :[[@LINE-3]]:32: note: 'm' acquired here by guard 'lk'
  use(x);
}

// LLVM issue #72793: the assignment form escapes cppcoreguidelines-no-suspend-with-lock.
Task<> assigns_result() {
  int x = 0;
  std::scoped_lock lk(m);
  x = co_await fetch();
  // CHECK: :[[@LINE-1]]:7: warning: coroutine 'assigns_result' suspends at co_await while holding 'm'
  // CHECK: :[[@LINE-3]]:20: note: 'm' acquired here by guard 'lk'
  use(x);
}

Task<> in_condition_and_argument() {
  std::lock_guard guard(m);
  if (co_await ready())
    // CHECK: :[[@LINE-1]]:7: warning: coroutine 'in_condition_and_argument' suspends at co_await while holding 'm'
    // CHECK: :[[@LINE-3]]:19: note: 'm' acquired here by guard 'guard'
    use(co_await fetch());
    // CHECK: :[[@LINE-1]]:9: warning: coroutine 'in_condition_and_argument' suspends at co_await while holding 'm'
    // CHECK: :[[@LINE-6]]:19: note: 'm' acquired here by guard 'guard'
}

Task<> in_loop(int n) {
  for (int i = 0; i < n; ++i) {
    m.lock();
    ++counter;
    if (counter > 10)
      co_await loop::sleep(1); // held on this branch: the unlock is below
    // CHECK: :[[@LINE-1]]:7: warning: coroutine 'in_loop' suspends at co_await while holding 'm'
    // CHECK: :[[@LINE-5]]:5: note: 'm' locked here
    m.unlock();
  }
  std::lock_guard guard(m);
  while (co_await ready())
    // CHECK: :[[@LINE-1]]:10: warning: coroutine 'in_loop' suspends at co_await while holding 'm'
    // CHECK: :[[@LINE-3]]:19: note: 'm' acquired here by guard 'guard'
    ++counter;
}

Numbers yields_under_lock() {
  std::lock_guard guard(m);
  for (int i = 0; i < 3; ++i)
    co_yield i;
    // CHECK: :[[@LINE-1]]:5: warning: coroutine 'yields_under_lock' suspends at co_yield while holding 'm'{{.*}}before the co_yield
    // CHECK: :[[@LINE-4]]:19: note: 'm' acquired here by guard 'guard', which stays alive until the end of its scope, past the co_yield
}

Task<> two_locks() {
  std::scoped_lock both(a, b);
  co_await loop::sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'two_locks' suspends at co_await while holding 'a' and 'b': a task that takes them {{.*}} does not own them; release the locks before
  // CHECK: :[[@LINE-3]]:20: note: 'a' acquired here by guard 'both'
  // CHECK: :[[@LINE-4]]:20: note: 'b' acquired here by guard 'both'
}

// Locks left held by same-TU helpers: notes walk down to the lock call.
void lock_table() { m.lock(); }
void begin_update() { lock_table(); }
void end_update() { m.unlock(); }
Task<> through_helpers() {
  begin_update();
  co_await loop::sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'through_helpers' suspends at co_await while holding 'm'
  // CHECK: :[[@LINE-3]]:3: note: 'm' acquired here by the call to 'begin_update', which returns with it held
  // CHECK: :[[@LINE-7]]:23: note: 'begin_update' calls 'lock_table', which returns with it held
  // CHECK: :[[@LINE-9]]:21: note: 'lock_table' locks it here
  end_update();
}
void lock_it(std::mutex &which) { which.lock(); }
Task<> through_parameter() {
  lock_it(a);
  co_await loop::sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'through_parameter' suspends at co_await while holding 'a'
  // CHECK: :[[@LINE-3]]:3: note: 'a' acquired here by the call to 'lock_it', which returns with it held
  // CHECK: :[[@LINE-6]]:35: note: 'lock_it' locks it here
  a.unlock();
}

Task<> posix_and_shared() {
  pthread_mutex_lock(&pm);
  co_await loop::sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'posix_and_shared' suspends at co_await while holding 'pm'
  // CHECK: :[[@LINE-3]]:3: note: 'pm' locked here
  pthread_mutex_unlock(&pm);
  std::shared_lock reader(table_mutex);
  co_await loop::sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'posix_and_shared' suspends at co_await while holding 'table_mutex'
  // CHECK: :[[@LINE-3]]:20: note: 'table_mutex' acquired here by guard 'reader'
}

Task<> deferred_then_locked() {
  std::unique_lock<std::mutex> lk(m, std::defer_lock);
  co_await loop::sleep(1); // not held yet
  lk.lock();
  co_await loop::sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'deferred_then_locked' suspends at co_await while holding 'm'
  // CHECK: :[[@LINE-3]]:3: note: 'm' acquired here by guard 'lk'
}

// The concur runtime's Mutex is a thread lock too (capability attributes).
Task<> runtime_mutex() {
  concur::MutexLock lock(cm);
  co_await loop::sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'runtime_mutex' suspends at co_await while holding 'cm'
  // CHECK: :[[@LINE-3]]:21: note: 'cm' acquired here by guard 'lock'
}

// The caller holds the lock across the whole body.
Task<> requires_lock() CONCUR_REQUIRES(cm);
Task<> requires_lock() {
  co_await loop::sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'requires_lock' suspends at co_await while holding 'cm'
  // CHECK: :[[@LINE-3]]:8: note: 'cm' is held on entry: 'requires_lock' requires it
}

// A coroutine lambda that locks inside its own body.
auto make_handler() {
  return [](int id) -> Task<> {
    std::lock_guard guard(m);
    co_await loop::sleep(id);
    // CHECK: :[[@LINE-1]]:5: warning: coroutine {{.*}} suspends at co_await while holding 'm'
    // CHECK: :[[@LINE-3]]:21: note: 'm' acquired here by guard 'guard'
  };
}

// Every await_suspend() flavour (void, bool, symmetric transfer), and
// suspensions inside switch and try.
struct MaybeSuspend {
  bool await_ready() { return false; }
  bool await_suspend(std::coroutine_handle<>) { return true; }
  void await_resume() {}
};
struct HandsOver {
  bool await_ready() { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<>) { return std::noop_coroutine(); }
  int await_resume() { return 0; }
};
Task<> awaiter_flavours(int k) {
  std::unique_lock lk(m);
  co_await MaybeSuspend{};
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'awaiter_flavours' suspends at co_await while holding 'm'
  // CHECK: :[[@LINE-3]]:20: note: 'm' acquired here by guard 'lk'
  int v = co_await HandsOver{};
  // CHECK: :[[@LINE-1]]:11: warning: coroutine 'awaiter_flavours' suspends at co_await while holding 'm'
  // CHECK: :[[@LINE-6]]:20: note: 'm' acquired here by guard 'lk'
  switch (k) {
  case 1:
    co_await loop::sleep(v);
    // CHECK: :[[@LINE-1]]:5: warning: coroutine 'awaiter_flavours' suspends at co_await while holding 'm'
    // CHECK: :[[@LINE-11]]:20: note: 'm' acquired here by guard 'lk'
    break;
  default:
    break;
  }
  try {
    co_await loop::sleep(2);
    // CHECK: :[[@LINE-1]]:5: warning: coroutine 'awaiter_flavours' suspends at co_await while holding 'm'
    // CHECK: :[[@LINE-19]]:20: note: 'm' acquired here by guard 'lk'
  } catch (...) {
  }
}

// ---- Look-alikes (no finding) ----------------------------------------------

Task<> guards_end_with_the_loop_iteration(int k) {
  for (int i = 0; i < k; ++i) {
    std::lock_guard guard(m);
    if (i == 3)
      break;
  }
  co_await loop::sleep(1);
  while (true) {
    std::unique_lock lk(m);
    if (k)
      continue;
    break;
  }
  co_await loop::sleep(1);
}

Task<> guard_scope_ends_first() {
  {
    std::lock_guard<std::mutex> guard(m);
    ++counter;
  }
  co_await loop::sleep(1);
}

Task<> unlocks_first() {
  m.lock();
  ++counter;
  m.unlock();
  co_await loop::sleep(1);
  std::unique_lock<std::mutex> lk(m);
  ++counter;
  lk.unlock();
  auto x = co_await fetch();
  use(x);
}

Task<> copies_under_lock_then_awaits() {
  int snapshot;
  {
    std::scoped_lock lk(m);
    snapshot = counter;
  }
  snapshot = co_await fetch();
  use(snapshot);
}

// The lambda is only defined in the locked region; it runs later, elsewhere.
Task<> lambda_defined_under_lock() {
  std::lock_guard guard(m);
  auto later = [](int id) -> Task<> { co_await loop::sleep(id); };
  auto task = later(1);
  (void)task;
  co_return;
}

Task<> try_lock_released_on_both_paths() {
  if (m.try_lock()) {
    ++counter;
    m.unlock();
  }
  co_await loop::sleep(1);
}

Task<> unlocks_on_every_branch(bool fast) {
  m.lock();
  if (fast) {
    m.unlock();
    co_await loop::sleep(0);
  } else {
    ++counter;
    m.unlock();
    co_await loop::sleep(10);
  }
}

// A plain function that holds a lock while it creates a task: nothing
// suspends here (the task runs when awaited).
Task<> awaited_elsewhere();
Task<> start_under_lock() {
  std::lock_guard guard(m);
  return awaited_elsewhere();
}

// A blocking wait under the lock is another check's business; no suspension.
Task<int> short_section() {
  int v;
  {
    std::lock_guard guard(m);
    v = counter;
  }
  co_return v;
}

// Asynchronous mutexes are meant to be held across co_await (stand-ins that
// carry capability attributes, so the lock model tracks them).
namespace cppcoro {
class CONCUR_CAPABILITY("mutex") async_mutex {
public:
  bool try_lock() CONCUR_TRY_ACQUIRE(true);
  void unlock() CONCUR_RELEASE();
};
} // namespace cppcoro
cppcoro::async_mutex am;
Task<> async_mutex_held() {
  if (am.try_lock()) {
    co_await loop::sleep(1);
    // OPTS: :[[@LINE-1]]:5: warning: coroutine 'async_mutex_held' suspends at co_await while holding 'am'
    am.unlock();
  }
}

namespace app {
class CONCUR_CAPABILITY("mutex") FairLock {
public:
  void lock() CONCUR_ACQUIRE();
  void unlock() CONCUR_RELEASE();
};
} // namespace app
app::FairLock fair;
Task<> configured_lock_held() {
  fair.lock();
  co_await loop::sleep(1);
  // CHECK: :[[@LINE-1]]:3: warning: coroutine 'configured_lock_held' suspends at co_await while holding 'fair'
  // CHECK: :[[@LINE-3]]:3: note: 'fair' locked here
  fair.unlock();
}
// OPTS-NOT: 'configured_lock_held'
