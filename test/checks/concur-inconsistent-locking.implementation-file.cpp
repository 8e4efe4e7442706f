// A method declared in a header and defined in this file, whose callers
// here all hold the lock, runs under that lock: this file is the class's
// implementation, and its callers are the ones we see (a REQUIRES(mu_)
// annotation says the same to callers in other files).
// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 -I%S/Inputs 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include "slot_list.h"

void SlotList::insert(Slot *s) {
  std::lock_guard<std::mutex> g(mu_);
  s->next = head_;
  head_ = s;
  ++count_;
}

void SlotList::unlink(Slot *s) {
  for (Slot **p = &head_; *p; p = &(*p)->next)
    if (*p == s) {
      *p = s->next;
      --count_;
      return;
    }
}

void SlotList::retire(Slot *s, int epoch) {
  mu_.lock();
  if (s->epoch == epoch)
    unlink(s);
  mu_.unlock();
}

int SlotList::size() {
  std::lock_guard<std::mutex> g(mu_);
  return sizeForReport();
}

// Kept positive: one caller here holds mu_, the other does not.
int SlotList::sizeForReport() {
  // CHECK: :[[@LINE+1]]:10: warning: 'SlotList::count_' is read without 'SlotList::mu_' held in 'SlotList::sizeForReport'{{.*}}[concur-inconsistent-locking]
  return count_;
}
// CHECK: :13:5: note: 'SlotList::count_' is written with 'SlotList::mu_' held here, in 'SlotList::insert'
// CHECK: :10:31: note: 'SlotList::mu_' is acquired here

int SlotList::epochOf(Slot *s) { return sizeForReport() + s->epoch; }
