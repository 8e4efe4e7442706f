// RUN: %clang_tidy -checks='-*,concur-async-launch-policy' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-async-launch-policy' %s \
// RUN:   -config="{CheckOptions: {concur-async-launch-policy.FlagCombinedPolicy: true}}" \
// RUN:   -- -std=c++20 2>&1 | FileCheck %s --check-prefixes=CHECK,COMBINED
// RUN: cp %s %t.cpp && %clang_tidy -checks='-*,concur-async-launch-policy' -fix %t.cpp -- -std=c++20 >/dev/null 2>&1; \
// RUN:   FileCheck %s --check-prefix=FIXED --input-file=%t.cpp

#include <future>

int work(int x) { return x; }

namespace mylib {
template <class F> int async(F f) { return f(); } // not std::async
}

int positives() {
  auto a = std::async(work, 1);
  // CHECK: :[[@LINE-1]]:12: warning: std::async without a launch policy may defer the task and run it on the thread that calls get(), with no concurrency; pass std::launch::async
  // FIXED: auto a = std::async(std::launch::async, work, 1);
  auto b = std::async([] { return 2; });
  // CHECK: :[[@LINE-1]]:12: warning: std::async without a launch policy
  // FIXED: auto b = std::async(std::launch::async, [] { return 2; });
  auto c = std::async(std::launch::async | std::launch::deferred, work, 3);
  // COMBINED: :[[@LINE-1]]:12: warning: std::async with 'std::launch::async | std::launch::deferred' leaves the choice to the library
  return a.get() + b.get() + c.get();
}

int negatives() {
  auto a = std::async(std::launch::async, work, 1);
  auto d = std::async(std::launch::deferred, work, 2); // lazy on purpose
  int e = mylib::async([] { return 3; });
  return a.get() + d.get() + e;
}
