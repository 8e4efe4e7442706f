// A lookup that returns holding an entry's lock, and says so by writing the
// lock's address where its caller asked (`*held = &lock`), hands the lock
// to the caller, which unlocks it when it is done with the entry. A path
// that keeps the lock without handing it out still leaks it.
// RUN: %clang_tidy -checks='-*,concur-manual-lock-unlock' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <pthread.h>

// A lock whose bodies live in another file.
class Latch {
public:
  Latch();
  ~Latch();
  Latch(const Latch &) = delete;
  void ReadLock();
  void ReadUnlock();
  void WriteLock();
  void WriteUnlock();

private:
  pthread_rwlock_t rw_;
};

struct Slot {
  int key = 0;
  int value = 0;
};

class Directory {
public:
  bool Lookup(int key, int *value, Latch **held) {
    Latch &latch = latches_[key % 4];
    latch.ReadLock();
    Slot &slot = slots_[key % 16];
    if (slot.key == key) {
      *value = slot.value;
      *held = &latch;
      return true;
    }
    latch.ReadUnlock();
    return false;
  }

  struct Found {
    Latch *latch = nullptr;
    int value = 0;
  };
  void LookupInto(int key, Found *out) {
    Latch &latch = latches_[key % 4];
    latch.ReadLock();
    if (slots_[key % 16].key == key) {
      out->value = slots_[key % 16].value;
      out->latch = &latch;
      return;
    }
    latch.ReadUnlock();
  }

  // Kept positive: the address goes to a member, not to the caller, and
  // the early return keeps the lock.
  bool Peek(int key) {
    Latch &latch = latches_[key % 4];
    latch.ReadLock();
    last_ = &latch;
    if (slots_[key % 16].key != key)
      return false;
    latch.ReadUnlock();
    return true;
  }

  // Kept positive: one path hands the lock out, another keeps it.
  bool Probe(int key, Latch **held) {
    Latch &latch = latches_[key % 4];
    latch.ReadLock();
    if (slots_[key % 16].key == key) {
      *held = &latch;
      return true;
    }
    if (key < 0)
      return false;
    latch.ReadUnlock();
    return false;
  }

private:
  Latch latches_[4];
  Slot slots_[16];
  Latch *last_ = nullptr;
};

int reader(Directory &d) {
  int v = 0;
  Latch *held = nullptr;
  if (d.Lookup(7, &v, &held))
    held->ReadUnlock();
  Directory::Found f;
  d.LookupInto(8, &f);
  if (f.latch)
    f.latch->ReadUnlock();
  return v;
}
// CHECK: :63:5: warning: 'latch' is locked here but some paths leave 'Directory::Peek' without unlocking it (a return){{.*}}[concur-manual-lock-unlock]
// CHECK: :66:7: note: this return leaves 'latch' locked
// CHECK: :67:5: note: 'latch' is unlocked here on other paths
// CHECK: :74:5: warning: 'latch' is locked here but some paths leave 'Directory::Probe' without unlocking it (a return){{.*}}[concur-manual-lock-unlock]
// CHECK: :80:7: note: this return leaves 'latch' locked
// CHECK: :81:5: note: 'latch' is unlocked here on other paths
