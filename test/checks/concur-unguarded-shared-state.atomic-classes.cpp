// A class whose members are atomics (also nested in arrays of structs),
// constants or padding that no code names is as safe to share as its
// atomics: a per-lane counter spread over cache lines.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <thread>

template <typename T> class LaneCounter {
  struct Lane {
    std::atomic<T> value{};
    char pad[64 - sizeof(std::atomic<T>)];
  };
  Lane lanes[4];

public:
  T operator++(int) { return lanes[lane()].value.fetch_add(1); }
  T total() const {
    T sum = 0;
    for (const Lane &l : lanes)
      sum += l.value.load();
    return sum;
  }
  static unsigned lane() { return 0; }
};

struct Stats {
  LaneCounter<int> hits;
};
Stats stats;

void hitter() { stats.hits++; }
int hitters() {
  std::thread a(hitter), b(hitter);
  a.join();
  b.join();
  return stats.hits.total();
}

// Kept positive: a plain member that the code does use is not padding.
template <typename T> class LaneCounterWithTotal {
  std::atomic<T> lanes[4];
  T cached = 0;

public:
  T operator++(int) {
    ++cached;
    return lanes[0].fetch_add(1);
  }
};
LaneCounterWithTotal<int> misses;
void misser() { misses++; }
void missers() {
  std::thread a(misser), b(misser);
  a.join();
  b.join();
}
// CHECK: :47:7: warning: read-modify-write of shared 'LaneCounterWithTotal::cached'{{.*}}[concur-unguarded-shared-state]
// CHECK: :54:15: note: thread entry 'misser' starts here
// CHECK: :52:17: note: 'misser' calls 'LaneCounterWithTotal::operator++' here
// CHECK: :47:7: note: conflicting write of 'LaneCounterWithTotal::cached' on the thread started at line 54
// CHECK: :54:26: note: thread entry 'misser' starts here
// CHECK: :52:17: note: 'misser' calls 'LaneCounterWithTotal::operator++' here
