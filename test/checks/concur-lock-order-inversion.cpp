// RUN: %clang_tidy -checks='-*,concur-lock-order-inversion' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// RUN: %clang_tidy -checks='-*,concur-lock-order-inversion' %s \
// RUN:   -config="{CheckOptions: {concur-lock-order-inversion.MaxCycleLength: 2}}" \
// RUN:   -- -std=c++20 2>&1 | FileCheck %s --check-prefix=PAIRS

#include <mutex>
#include <thread>

std::mutex a, b;
int x = 0;

void a_then_b() {
  std::lock_guard<std::mutex> ga(a);
  // CHECK: :[[@LINE+1]]:{{[0-9]+}}: warning: lock order inversion: 'a_then_b' acquires 'b' while holding 'a', but 'b_then_a' acquires 'a' while holding 'b'; {{.*}}[concur-lock-order-inversion]
  std::lock_guard<std::mutex> gb(b);
  // CHECK: :[[@LINE-3]]:{{[0-9]+}}: note: 'a_then_b' holds 'a' from here
  // CHECK: :[[@LINE-2]]:{{[0-9]+}}: note: 'b' is acquired while 'a' is held here
  ++x;
}

void lock_a() { a.lock(); ++x; a.unlock(); }

void b_then_a() {
  std::lock_guard<std::mutex> gb(b);
  // CHECK: :[[@LINE-1]]:{{[0-9]+}}: note: 'b_then_a' holds 'b' from here
  lock_a();
  // CHECK: :[[@LINE-1]]:3: note: 'b_then_a' calls 'lock_a' here
  // CHECK: :[[@LINE-7]]:17: note: 'a' is acquired while 'b' is held here
}

// Both at once, in either order: fine.
std::mutex c, d;
void both_cd() { std::scoped_lock both(c, d); ++x; }
void both_dc() {
  std::lock(d, c);
  ++x;
  c.unlock();
  d.unlock();
}
// One order everywhere: fine.
void c_then_d() {
  std::lock_guard<std::mutex> gc(c);
  std::lock_guard<std::mutex> gd(d);
}
void c_then_d_again() {
  std::unique_lock<std::mutex> gc(c);
  std::unique_lock<std::mutex> gd(d);
}

// Released before the second lock: no order.
std::mutex e, f;
void e_then_f() {
  std::lock_guard<std::mutex> gf(f);
  std::lock_guard<std::mutex> ge(e);
}
void f_after_e_released() {
  { std::lock_guard<std::mutex> ge(e); }
  std::lock_guard<std::mutex> gf(f);
}

// A gate lock held around both orders serialises them.
std::mutex gate, g1, g2;
void gated_12() {
  std::lock_guard<std::mutex> G(gate);
  std::lock_guard<std::mutex> a1(g1);
  std::lock_guard<std::mutex> a2(g2);
}
void gated_21() {
  std::lock_guard<std::mutex> G(gate);
  std::lock_guard<std::mutex> a2(g2);
  std::lock_guard<std::mutex> a1(g1);
}

// Both orders only on the main thread, one after the other: no deadlock.
std::mutex m1, m2;
int main() {
  {
    std::lock_guard<std::mutex> l1(m1);
    std::lock_guard<std::mutex> l2(m2);
  }
  {
    std::lock_guard<std::mutex> l2(m2);
    std::lock_guard<std::mutex> l1(m1);
  }
  // Two threads taking p and q in opposite orders.
  static std::mutex p, q;
  std::thread t1([] {
    std::lock_guard<std::mutex> lp(p);
    // CHECK: :[[@LINE+1]]:{{[0-9]+}}: warning: lock order inversion: 'lambda' acquires 'main::q' while holding 'main::p', but 'lambda' acquires 'main::p' while holding 'main::q'; {{.*}}[concur-lock-order-inversion]
    std::lock_guard<std::mutex> lq(q);
    // CHECK: :[[@LINE-3]]:{{[0-9]+}}: note: 'lambda' holds 'main::p' from here
    // CHECK: :[[@LINE-2]]:{{[0-9]+}}: note: 'main::q' is acquired while 'main::p' is held here
  });
  std::thread t2([] {
    std::lock_guard<std::mutex> lq(q);
    // CHECK: :[[@LINE-1]]:{{[0-9]+}}: note: 'lambda' holds 'main::q' from here
    std::lock_guard<std::mutex> lp(p);
    // CHECK: :[[@LINE-1]]:{{[0-9]+}}: note: 'main::p' is acquired while 'main::q' is held here
  });
  t1.join();
  t2.join();
}

// Three locks in a cycle: reported as a cycle, not with MaxCycleLength 2.
std::mutex r1, r2, r3;
void r12() { std::lock_guard<std::mutex> x1(r1); std::lock_guard<std::mutex> x2(r2); }
void r23() { std::lock_guard<std::mutex> x2(r2); std::lock_guard<std::mutex> x3(r3); }
void r31() { std::lock_guard<std::mutex> x3(r3); std::lock_guard<std::mutex> x1(r1); }
// CHECK: :[[@LINE-3]]:{{[0-9]+}}: warning: lock order cycle 'r1' -> 'r2' -> 'r3' -> 'r1': {{.*}}[concur-lock-order-inversion]
// CHECK-COUNT-6: note:
// PAIRS-NOT: lock order cycle

// Two objects of one class: one field identity, no order between them.
struct Account {
  std::mutex mu;
  int balance = 0;
};
void transfer(Account &from, Account &to) {
  std::lock_guard<std::mutex> l1(from.mu);
  std::lock_guard<std::mutex> l2(to.mu);
  from.balance -= 1;
  to.balance += 1;
}
