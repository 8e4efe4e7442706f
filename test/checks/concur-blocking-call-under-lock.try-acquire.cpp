// RUN: %clang_tidy -checks='-*,concur-blocking-call-under-lock' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A guard of the program's own with acquire(), try_acquire() and release()
// methods, and a guard derived from it that picks its slot's lock and
// tries it before it waits: the lock is held on both branches, and the
// base's destructor gives it back when the derived guard goes out of
// scope (its own destructor is implicit).
#include <mutex>
#include <unistd.h>

struct Slot {
  std::mutex m;
  long value = 0;
};

class Hold {
public:
  Hold() = default;
  Hold(const Hold &) = delete;
  ~Hold() {
    if (held_)
      release();
  }
  void acquire(Slot &s) {
    held_ = &s;
    held_->m.lock();
  }
  bool try_acquire(Slot &s) {
    if (s.m.try_lock()) {
      held_ = &s;
      return true;
    }
    return false;
  }
  void release() {
    held_->m.unlock();
    held_ = nullptr;
  }

private:
  Slot *held_ = nullptr;
};

struct Table {
  Slot slots[4];
};

class SlotHold : public Hold {
public:
  SlotHold(Table &t, int key) {
    Slot &s = t.slots[key % 4];
    if (!try_acquire(s))
      acquire(s);
  }
};

// ---- Negatives -------------------------------------------------------------

void bump_then_rest(Table &t, int key) {
  {
    SlotHold h(t, key);
    t.slots[key % 4].value++;
  }
  sleep(1);
}

// ---- Positives -------------------------------------------------------------

void bump_resting(Table &t, int key) {
  SlotHold h(t, key);
  t.slots[key % 4].value++;
  sleep(1);
}

// CHECK: :72:3: warning: sleep call to 'sleep' while holding 'Slot::m'{{.*}}[concur-blocking-call-under-lock]
// CHECK: :70:12: note: 'bump_resting' calls 'SlotHold::SlotHold' here
// CHECK: :53:7: note: 'SlotHold::SlotHold' calls 'Hold::acquire' here
// CHECK: :26:5: note: 'Slot::m' is acquired here
// CHECK: :26:5: note: 'Hold::acquire' also takes 'Slot::m' here and waits meanwhile
