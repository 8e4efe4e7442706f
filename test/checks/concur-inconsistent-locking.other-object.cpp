// A method that reads the field of *another* object of its class
// (`other.target`) is not told to hold this object's mutex: that would not
// guard the other object. Its own object's unlocked read still is reported.
// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>

class Handler {
public:
  bool sameTarget(const Handler &other) const { return other.target == target; }
  void disable() {
    std::lock_guard<std::mutex> g(mu);
    target = nullptr;
  }
  void fire() {
    std::lock_guard<std::mutex> g(mu);
    if (target)
      ++*target;
  }

private:
  int *target = nullptr;
  mutable std::mutex mu;
};
// CHECK: :10:72: warning: 'Handler::target' is read without 'Handler::mu' held in 'Handler::sameTarget'{{.*}}[concur-inconsistent-locking]
// CHECK: :13:5: note: 'Handler::target' is written with 'Handler::mu' held here, in 'Handler::disable'
// CHECK: :12:33: note: 'Handler::mu' is acquired here
