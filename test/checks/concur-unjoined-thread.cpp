// RUN: %clang_tidy -checks='-*,concur-unjoined-thread' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-unjoined-thread' %s \
// RUN:   -config="{CheckOptions: {concur-unjoined-thread.CheckExceptionPaths: false}}" \
// RUN:   -- -std=c++20 2>&1 | FileCheck %s --check-prefix=NOEXC --implicit-check-not='warning:'
// RUN: %clang_tidy -checks='-*,concur-unjoined-thread' %s \
// RUN:   -config="{CheckOptions: {concur-unjoined-thread.AssumeUnknownCallsThrow: true}}" \
// RUN:   -- -std=c++20 2>&1 | FileCheck %s --check-prefix=ASSUME
// RUN: cp %s %t.cpp && %clang_tidy -checks='-*,concur-unjoined-thread' -fix %t.cpp -- -std=c++20 >/dev/null 2>&1; \
// RUN:   FileCheck %s --check-prefix=FIXED --input-file=%t.cpp

#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

void work() {}
void may_throw(); // unknown user code: may throw
void quiet() noexcept;
int parse(int x) { return x + 1; } // seen not to throw
void check(int x) { if (x < 0) throw std::runtime_error("neg"); }
void adopt(std::thread &t) { t.join(); }

// ---- Positives -------------------------------------------------------------

void early_return(bool stop) {
  std::thread t(work);
  // FIXED: std::jthread t(work);
  if (stop)
    return;
  // CHECK: :[[@LINE-1]]:5: warning: std::thread 't' can be destroyed here while still joinable, which calls std::terminate
  // CHECK: :[[@LINE-5]]:15: note: 't' is started here
  // NOEXC: :[[@LINE-3]]:5: warning: std::thread 't' can be destroyed here while still joinable
  t.join();
}

void exception_path(int x) {
  std::thread t(work);
  check(x);
  // CHECK: :[[@LINE-1]]:3: warning: if 'check' throws here, std::thread 't' is destroyed while still joinable and std::terminate is called
  // CHECK: :[[@LINE-3]]:15: note: 't' is started here
  t.join();
}

void throws_directly(int x) {
  std::thread t(work);
  if (x < 0)
    throw std::runtime_error("bad");
  // CHECK: :[[@LINE-1]]:5: warning: this throw destroys std::thread 't' while it is still joinable
  // CHECK: :[[@LINE-4]]:15: note: 't' is started here
  t.join();
}

void reassigned() {
  std::thread t(work);
  t = std::thread(work);
  // CHECK: :[[@LINE-1]]:3: warning: assigning to std::thread 't' while it is still joinable calls std::terminate
  // CHECK: :[[@LINE-3]]:15: note: 't' is started here
  // NOEXC: :[[@LINE-3]]:3: warning: assigning to std::thread 't'
  t.join();
}

void moved_into_local(bool stop) {
  std::thread a(work);
  std::thread b = std::move(a); // b is now the running one
  if (stop)
    return;
  // CHECK: :[[@LINE-1]]:5: warning: std::thread 'b' can be destroyed here while still joinable
  // CHECK: :[[@LINE-4]]:15: note: 'b' is started here
  // FIXED: std::thread b = std::move(a);
  // NOEXC: :[[@LINE-4]]:5: warning: std::thread 'b' can be destroyed here
  b.join();
}

void in_loop(int n) {
  for (int i = 0; i < n; ++i) {
    std::thread t(work);
    if (i == 3)
      break;
    // CHECK: :[[@LINE-1]]:7: warning: std::thread 't' can be destroyed here while still joinable
    // CHECK: :[[@LINE-4]]:17: note: 't' is started here
    // NOEXC: :[[@LINE-3]]:7: warning: std::thread 't' can be destroyed here
    t.join();
  }
}

// ---- Look-alikes that are fine ---------------------------------------------

void joined_on_all_paths(bool stop) {
  std::thread t(work);
  quiet();
  parse(3);
  if (stop) {
    t.join();
    return;
  }
  t.join();
}

void guarded_by_joinable() {
  std::thread t;
  if (quiet(), true)
    t = std::thread(work);
  if (t.joinable())
    t.join();
}

void detached() {
  std::thread t(work);
  t.detach();
  may_throw();
}

void handed_over(std::vector<std::thread> &pool) {
  std::thread t(work);
  pool.push_back(std::move(t)); // the vector's owner joins it
  std::thread u(work);
  adopt(u);
  may_throw();
}

void caught_locally() {
  std::thread t(work);
  try {
    may_throw();
  } catch (...) {
    t.join();
    throw;
  }
  t.join();
}

void jthread_is_fine(bool stop) {
  std::jthread t(work);
  if (stop)
    return;
  may_throw();
}

// A guard object holding a reference (or pointer) joins the thread on every
// path: the thread is handed over to it.
struct JoinOnExit {
  std::thread &t;
  ~JoinOnExit() {
    if (t.joinable())
      t.join();
  }
};
struct JoinPtrOnExit {
  explicit JoinPtrOnExit(std::thread *t) : t(t) {}
  ~JoinPtrOnExit() { t->join(); }
  std::thread *t;
};

void aggregate_guard_is_fine(bool stop) {
  std::thread t(work);
  JoinOnExit guard{t};
  if (stop)
    return;
  may_throw();
}

void constructor_guard_is_fine(bool stop) {
  std::thread t(work);
  JoinPtrOnExit guard(&t);
  if (stop)
    return;
  may_throw();
}

void reference_alias_is_handed_over() {
  std::thread t(work);
  std::thread &alias = t;
  alias.join();
}

// A call of code defined in another file (a test assertion, a logger) is
// not taken to throw unless AssumeUnknownCallsThrow says so.
void expect_positive(int v);
void unknown_call_between() {
  std::thread t(work);
  // ASSUME: :[[@LINE+1]]:3: warning: if 'expect_positive' throws here, std::thread 't' is destroyed while still joinable
  expect_positive(1);
  t.join();
}

// A loop over the threads' addresses joins each of them.
void joined_through_address_list() {
  std::thread a(work), b(work);
  for (std::thread *t : {&a, &b})
    t->join();
}
