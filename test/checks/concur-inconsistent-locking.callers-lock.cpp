// A lock handed in by the caller is the caller's synchronisation of the
// object: the class does not lock, so its other methods are not reported.
// A class that locks its own mutex still is.
// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>

class Manifest {
public:
  // The owner calls this with its mutex, which it holds around every
  // other call too.
  void install(std::mutex &ownerLock, int v) {
    std::lock_guard<std::mutex> g(ownerLock);
    version_ = v;
  }
  int version() const { return version_; }
  void reset() { version_ = 0; }

private:
  int version_ = 0;
};

// Kept positive.
class Counter {
public:
  void add(int n) {
    std::lock_guard<std::mutex> g(mu_);
    total_ += n;
  }
  // CHECK: :[[@LINE+1]]:{{[0-9]+}}: warning: 'Counter::total_' is written without 'Counter::mu_' held in 'Counter::clear'{{.*}}[concur-inconsistent-locking]
  void clear() { total_ = 0; }
  // CHECK: :[[@LINE-4]]:{{[0-9]+}}: note: 'Counter::total_' is written with 'Counter::mu_' held here, in 'Counter::add'
  // CHECK: :[[@LINE-6]]:{{[0-9]+}}: note: 'Counter::mu_' is acquired here

private:
  std::mutex mu_;
  int total_ = 0;
};
