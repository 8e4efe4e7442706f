// Locks are named by declaration: `list_mu` of every setting is one lock.
// Two acquisitions of it are still on different objects when the methods
// that take it run on objects that cannot be the same: an override and
// the base body it replaces (entered only by virtual dispatch), or methods
// of two sibling classes. A cycle through such a pair is no deadlock.
// RUN: %clang_tidy -checks='-*,concur-lock-order-inversion' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <algorithm>
#include <mutex>
#include <thread>

std::mutex registry_mu;
int registry_limit() {
  std::lock_guard<std::mutex> l(registry_mu);
  return 4;
}

class setting {
protected:
  std::mutex list_mu;
  int value = 0;

public:
  virtual ~setting() = default;
  // Runs only on settings whose class does not override current().
  virtual int current() {
    std::lock_guard<std::mutex> l(list_mu);
    return value;
  }
};

// Negative: list_mu -> registry_mu here, on a width_setting; the other
// order (configure) runs the base body, never on a width_setting.
class width_setting : public setting {
public:
  int current() override {
    std::lock_guard<std::mutex> l(list_mu);
    return std::min(value, registry_limit());
  }
};
class fixed_setting : public setting {};

width_setting width;
fixed_setting fixed;
setting *settings[2] = {&width, &fixed};

int read_setting(int i) { return settings[i]->current(); }

void configure() {
  std::lock_guard<std::mutex> l(registry_mu);
  read_setting(1);
}

// Negative: siblings. A depth_setting's list_mu is never a
// limit_setting's: clamp takes one order on a depth_setting, rebalance the
// other on a limit_setting.
std::mutex quota_mu;
class depth_setting : public setting {
public:
  int clamp() {
    std::lock_guard<std::mutex> l(list_mu);
    std::lock_guard<std::mutex> q(quota_mu);
    return value;
  }
};
class limit_setting : public setting {
public:
  bool empty() {
    std::lock_guard<std::mutex> l(list_mu);
    return value == 0;
  }
};
depth_setting depth;
limit_setting limit;

void rebalance() {
  std::lock_guard<std::mutex> q(quota_mu);
  limit.empty();
}

// Positive: this override enters its base body on its own object by a
// qualified call, so the base body's lock can be an audited_counter's.
std::mutex audit_mu;
class counter {
protected:
  std::mutex count_mu;
  int count = 0;

public:
  virtual ~counter() = default;
  virtual int read() {
    std::lock_guard<std::mutex> l(count_mu);
    return count;
  }
};
class audited_counter : public counter {
public:
  int read() override {
    std::lock_guard<std::mutex> l(audit_mu);
    return counter::read();
  }
  void audit() {
    std::lock_guard<std::mutex> l(count_mu);
    std::lock_guard<std::mutex> a(audit_mu);
  }
};
// CHECK: :[[@LINE-7]]:21: warning: lock order inversion: 'audited_counter::read' acquires 'counter::count_mu' while holding 'audit_mu', but 'audited_counter::audit' acquires 'audit_mu' while holding 'counter::count_mu'
// CHECK: :[[@LINE-9]]:33: note: 'audited_counter::read' holds 'audit_mu' from here
// CHECK: :[[@LINE-9]]:21: note: 'audited_counter::read' calls 'counter::read' here
// CHECK: :[[@LINE-18]]:33: note: 'counter::count_mu' is acquired while 'audit_mu' is held here
// CHECK: :[[@LINE-8]]:33: note: 'audited_counter::audit' holds 'counter::count_mu' from here
// CHECK: :[[@LINE-8]]:33: note: 'audit_mu' is acquired while 'counter::count_mu' is held here

audited_counter audited;

int main() {
  std::thread a(configure);
  std::thread b([] { width.current(); });
  std::thread c([] { depth.clamp(); });
  std::thread d(rebalance);
  std::thread e([] { audited.read(); });
  std::thread f([] { audited.audit(); });
  a.join();
  b.join();
  c.join();
  d.join();
  e.join();
  f.join();
}
