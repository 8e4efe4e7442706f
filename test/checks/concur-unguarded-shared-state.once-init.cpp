// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
//
// One-time initialisation (model/OnceRegions.h): the branch a thread takes
// under a lock while a flag says "not done", which sets the flag "done".
// What it writes is set-up, as a constructor's writes are: the threads
// that read it afterwards are not racing with it. Its reads are still
// reads, and a set-up that another function can undo is not one-time.
#include <atomic>
#include <mutex>
#include <thread>

int probe();
void use(int);

// Negative: both threads run setUp(); the first to take setup_mu fills
// the table settings and sets `ready`, the other sees it set.
std::mutex setup_mu;
std::atomic<bool> ready{false};
int table_size;
bool use_fallback;

void setUp() {
  std::lock_guard<std::mutex> g(setup_mu);
  if (!ready) {
    table_size = 64;
    use_fallback = probe() != 0;
    ready = true;
  }
}

void worker() {
  if (!ready.load(std::memory_order_acquire))
    setUp();
  use(use_fallback ? 1 : table_size);
}

void runWorkers() {
  std::thread a(worker), b(worker);
  a.join();
  b.join();
}

// Kept positive: drop() sets the flag back, so the branch runs again while
// another thread reads what it wrote.
std::mutex cache_mu;
bool cache_ready = false;
int cache_limit;

void fillCache() {
  std::lock_guard<std::mutex> g(cache_mu);
  if (!cache_ready) {
    cache_limit = probe();
    cache_ready = true;
  }
}

void drop() {
  std::lock_guard<std::mutex> g(cache_mu);
  cache_ready = false;
}

void cacheUser() {
  fillCache();
  use(cache_limit);
  drop();
}

void runCacheUsers() {
  std::thread a(cacheUser), b(cacheUser);
  a.join();
  b.join();
}

// Kept positive: what a set-up branch reads is not set-up. `budget` is
// written bare by spend() on another thread.
std::mutex plan_mu;
bool planned = false;
int budget;
int plan;

void makePlan() {
  std::lock_guard<std::mutex> g(plan_mu);
  if (!planned) {
    plan = budget / 2;
    planned = true;
  }
}

void spend() { budget = probe(); }

void runPlanners() {
  std::thread a(makePlan), b(spend);
  a.join();
  b.join();
}

// Negative: a lazily built singleton, tested and built under its mutex
// and returned after the unlock. The thread that returns it saw it built
// under the mutex, or built it, and nothing sets it back.
class Hub {
public:
  static Hub *get();
  int load = 0;

private:
  static Hub *instance_;
  static std::mutex mu_;
};
Hub *Hub::instance_ = nullptr;
std::mutex Hub::mu_;
Hub *Hub::get() {
  mu_.lock();
  if (instance_ == nullptr)
    instance_ = new Hub;
  mu_.unlock();
  return instance_;
}

void hubUser() { use(Hub::get()->load); }

void runHubUsers() {
  std::thread a(hubUser), b(hubUser);
  a.join();
  b.join();
}

// Kept positive: two set-up branches under two mutexes can both see the
// table missing; the read past one's test is not ordered after the other's
// setting.
std::mutex left_mu, right_mu;
int *shared_table;

int *tableFromLeft() {
  left_mu.lock();
  if (!shared_table)
    shared_table = new int[8];
  left_mu.unlock();
  return shared_table;
}

int *tableFromRight() {
  std::lock_guard<std::mutex> g(right_mu);
  if (!shared_table)
    shared_table = new int[16];
  return shared_table;
}

void runTableUsers() {
  std::thread a(tableFromLeft), b(tableFromRight);
  a.join();
  b.join();
}

// CHECK: :65:7: warning: shared 'cache_limit' is read on the thread started at line 70 with no lock held, and written on another instance of that thread with only 'cache_mu' held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :70:15: note: thread entry 'cacheUser' starts here
// CHECK: :53:5: note: conflicting write of 'cache_limit' on the thread started at line 70
// CHECK: :70:29: note: thread entry 'cacheUser' starts here
// CHECK: :64:3: note: 'cacheUser' calls 'fillCache' here
// CHECK: :51:31: note: 'cache_mu' is held here
// CHECK: :90:16: warning: shared 'budget' is written on the thread started at line 93 with no lock held, and read on another thread started on that line with only 'plan_mu' held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :93:28: note: thread entry 'spend' starts here
// CHECK: :85:12: note: conflicting read of 'budget' on the thread started at line 93
// CHECK: :93:15: note: thread entry 'makePlan' starts here
// CHECK: :83:31: note: 'plan_mu' is held here
// CHECK: :137:5: warning: check-then-act on shared 'shared_table': it is tested and then written on the thread started at line 150 with only 'left_mu' held, while another thread can change it in between (read on another thread started on that line); hold one lock across the test and the update [concur-unguarded-shared-state]
// CHECK: :136:8: note: 'shared_table' is tested here
// CHECK: :150:15: note: thread entry 'tableFromLeft' starts here
// CHECK: :135:3: note: 'left_mu' is held here
// CHECK: :144:8: note: conflicting read of 'shared_table' on the thread started at line 150
// CHECK: :150:33: note: thread entry 'tableFromRight' starts here
// CHECK: :143:31: note: 'right_mu' is held here
// CHECK: :139:10: warning: shared 'shared_table' is read on the thread started at line 150 with no lock held, and written on another thread started on that line with only 'right_mu' held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :150:15: note: thread entry 'tableFromLeft' starts here
// CHECK: :145:5: note: conflicting write of 'shared_table' on the thread started at line 150
// CHECK: :150:33: note: thread entry 'tableFromRight' starts here
// CHECK: :143:31: note: 'right_mu' is held here
// CHECK: :145:5: warning: check-then-act on shared 'shared_table': it is tested and then written on the thread started at line 150 with only 'right_mu' held, while another thread can change it in between (read on another thread started on that line); hold one lock across the test and the update [concur-unguarded-shared-state]
// CHECK: :144:8: note: 'shared_table' is tested here
// CHECK: :150:33: note: thread entry 'tableFromRight' starts here
// CHECK: :143:31: note: 'right_mu' is held here
// CHECK: :136:8: note: conflicting read of 'shared_table' on the thread started at line 150
// CHECK: :150:15: note: thread entry 'tableFromLeft' starts here
// CHECK: :135:3: note: 'left_mu' is held here
