// A field written only while both of a class's mutexes are held may be read
// under either: every write and the read share a lock, so they never
// overlap (the lockset rule: a race needs two accesses, one a write, with
// no lock in common). Which lock the discipline names does not matter.
// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>
#include <string>

class Entry {
public:
  void rename(const std::string &n) {
    std::scoped_lock both(tableMu, entryMu);
    name = n;
  }
  std::string title() {
    std::lock_guard<std::mutex> g(entryMu);
    return name;
  }
  bool named(const std::string &n) {
    std::lock_guard<std::mutex> g(tableMu);
    return name == n;
  }
  // Kept positive: no lock at all.
  std::string peek() { return name; }

private:
  std::mutex tableMu, entryMu;
  std::string name;
};

class Slot {
public:
  void set(int v) {
    std::scoped_lock both(tableMu, slotMu);
    value = v;
  }
  int get() {
    std::lock_guard<std::mutex> g(slotMu);
    return value;
  }
  // Kept positive: a write under one lock races with get(), which holds
  // only the other.
  void reset() {
    std::lock_guard<std::mutex> g(tableMu);
    value = 0;
  }

private:
  std::mutex tableMu, slotMu;
  int value = 0;
};
// CHECK: :25:31: warning: 'Entry::name' is read without 'Entry::tableMu' held in 'Entry::peek'{{.*}}[concur-inconsistent-locking]
// CHECK: :14:5: note: 'Entry::name' is written with 'Entry::tableMu' held here, in 'Entry::rename'
// CHECK: :13:22: note: 'Entry::tableMu' is acquired here
// CHECK: :40:12: warning: 'Slot::value' is read without 'Slot::tableMu' held in 'Slot::get'{{.*}}[concur-inconsistent-locking]
// CHECK: :36:5: note: 'Slot::value' is written with 'Slot::tableMu' held here, in 'Slot::set'
// CHECK: :35:22: note: 'Slot::tableMu' is acquired here
