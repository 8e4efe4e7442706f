// RUN: %clang_tidy -checks='-*,concur-thread-captures-local' %s -- -std=c++20 -pthread -I %S/Inputs 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-thread-captures-local' %s \
// RUN:   -config="{CheckOptions: {concur-thread-captures-local.CheckAddressArguments: false}}" \
// RUN:   -- -std=c++20 -pthread -I %S/Inputs 2>&1 | FileCheck %s --check-prefix=NOADDR --implicit-check-not="'slot'"

#include "mini_pool.h"
#include <functional>
#include <future>
#include <thread>
#include <vector>

void consume(int);

// ---- Positives -------------------------------------------------------------

// A detached temporary thread.
void fire_and_forget() {
  int hits = 0;
  std::thread([&hits] { hits++; }).detach();
  // CHECK: :[[@LINE-1]]:17: warning: local 'hits' is passed by reference to a thread that is detached, so the thread can use it after 'fire_and_forget' returns and 'hits' is destroyed; pass it by value, give it shared ownership (std::shared_ptr), or join the thread before 'hits' goes out of scope
  // NOADDR: :[[@LINE-2]]:17: warning: local 'hits' is passed by reference
  // CHECK: :[[@LINE-3]]:36: note: the thread is detached here
  // CHECK: :[[@LINE-5]]:7: note: 'hits' is a local of 'fire_and_forget', declared here
}

// A named thread detached on one path, through a default capture and std::ref.
void background(bool quick) {
  std::vector<int> buffer(16);
  int total = 0;
  std::thread t([&](int &n) { buffer[0] = n; }, std::ref(total));
  // CHECK: :[[@LINE-1]]:31: warning: local 'buffer' is passed by reference to a thread that is detached
  // CHECK: :[[@LINE+8]]:7: note: the thread is detached here
  // CHECK: :[[@LINE-5]]:20: note: 'buffer' is a local of 'background', declared here
  // CHECK: :[[@LINE-4]]:49: warning: local 'total' is passed by reference to a thread that is detached
  // CHECK: :[[@LINE+5]]:7: note: the thread is detached here
  // CHECK: :[[@LINE-7]]:7: note: 'total' is a local of 'background', declared here
  // NOADDR: :[[@LINE-7]]:31: warning: local 'buffer'
  // NOADDR: :[[@LINE-8]]:49: warning: local 'total'
  if (quick) {
    t.detach();
    return;
  }
  t.join();
}

// A thread returned with the address of a local.
void work(int *slot) { *slot = 1; }
std::thread start_worker() {
  int slot = 0;
  return std::thread(work, &slot);
  // CHECK: :[[@LINE-1]]:28: warning: local 'slot' is passed by address to a thread that is returned from 'start_worker'
  // CHECK: :[[@LINE-2]]:10: note: the thread is returned here
  // CHECK: :[[@LINE-4]]:7: note: 'slot' is a local of 'start_worker', declared here
}

// std::async's future returned: the task outlives the frame it reads.
std::future<int> compute_later() {
  int seed = 42;
  return std::async(std::launch::async, [&seed] { return seed * 2; });
  // CHECK: :[[@LINE-1]]:43: warning: local 'seed' is passed by reference to a task that is returned from 'compute_later'
  // CHECK: :[[@LINE-2]]:10: note: the task's future is returned here
  // CHECK: :[[@LINE-4]]:7: note: 'seed' is a local of 'compute_later', declared here
}

// A thread stored in a member, and one moved into a member container.
class Service {
public:
  void start() {
    int config = 3;
    worker_ = std::thread([&config] { consume(config); });
    // CHECK: :[[@LINE-1]]:29: warning: local 'config' is passed by reference to a thread that is stored in 'worker_'
    // CHECK: :[[@LINE-2]]:15: note: stored here; nothing in 'Service::start' joins it before returning
    // CHECK: :[[@LINE-4]]:9: note: 'config' is a local of 'Service::start', declared here
  }
  void add_worker() {
    int id = next_id_++;
    std::thread t([&id] { consume(id); });
    // CHECK: :[[@LINE-1]]:21: warning: local 'id' is passed by reference to a thread that is not waited for before 't' goes out of scope
    // CHECK: :[[@LINE+3]]:3: note: 't' ends here without a join or wait on every path (it was moved away or dropped)
    // CHECK: :[[@LINE-4]]:9: note: 'id' is a local of 'Service::add_worker', declared here
    workers_.push_back(std::move(t));
  }
  void stop() {
    worker_.join();
    for (auto &w : workers_) w.join();
  }
private:
  std::thread worker_;
  std::vector<std::thread> workers_;
  int next_id_ = 0;
};

// A task submitted to a pool that outlives the function, never waited for.
void enqueue(BS::thread_pool &pool) {
  int done = 0;
  pool.detach_task([&done] { done = 1; });
  // CHECK: :[[@LINE-1]]:22: warning: local 'done' is passed by reference to a task that nothing waits for before 'enqueue' returns
  // CHECK: :[[@LINE-2]]:3: note: the task is submitted here and is not waited for in 'enqueue'
  // CHECK: :[[@LINE-4]]:7: note: 'done' is a local of 'enqueue', declared here
}

// ---- Negatives -------------------------------------------------------------

void joined() {
  int n = 0;
  std::thread t([&n] { n = 1; });
  t.join();
}

void jthread_joins() {
  int n = 0;
  std::jthread t([&n] { n = 1; });
}

void detached_by_value() {
  int n = 0;
  std::thread([n] { consume(n); }).detach();
}

void async_future_blocks() {
  int n = 0;
  auto f = std::async(std::launch::async, [&n] { n = 1; });
}

void all_joined() {
  int sum = 0;
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&sum] { consume(sum); });
  for (auto &t : ts) t.join();
}

void got_before_return() {
  int n = 0;
  std::future<void> f = std::async(std::launch::async, [&n] { n = 1; });
  f.get();
}

void pool_waited(BS::thread_pool &pool) {
  int n = 0;
  pool.detach_task([&n] { n = 1; });
  pool.wait();
}

void pool_declared_after() {
  int n = 0;
  BS::thread_pool pool;   // destroyed (and drained) before n
  pool.detach_task([&n] { n = 1; });
}

struct Settings { int level = 0; };
void reference_parameter(Settings &s) {
  std::thread([&s] { consume(s.level); }).detach();   // the caller's object
}

void static_local() {
  static int calls = 0;
  std::thread([] { calls++; }).detach();
}

// A std::thread destroyed joinable terminates the program:
// concur-unjoined-thread's finding, not a dangling local.
void never_joined() {
  int n = 0;
  std::thread t([&n] { n = 1; });
}

int main() {
  fire_and_forget();
  background(false);
  start_worker().join();
  compute_later().get();
  Service s;
  s.start();
  s.add_worker();
  s.stop();
  BS::thread_pool pool;
  enqueue(pool);
  joined();
  jthread_joins();
  detached_by_value();
  async_future_blocks();
  all_joined();
  got_before_return();
  pool_waited(pool);
  pool_declared_after();
  Settings st;
  reference_parameter(st);
  static_local();
}
