// An object made for the call that hands it on (`enlist(new Member)`,
// `enlist(make<Member>())`) is owned by that call: nobody else can reach
// it until the helper publishes it, so what the helper writes into it
// first is no race, even in a class that locks. (SharedAccesses::rootOf,
// as RacerD owns fresh allocations.)
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <cstdlib>
#include <mutex>
#include <new>
#include <thread>

struct Member {
  std::mutex mu;
  int seat = 0;
  Member *after = nullptr;
};

template <typename T> T *make() {
  void *raw = std::malloc(sizeof(T));
  return raw ? new (raw) T() : nullptr;
}

class Roster {
public:
  void join(bool guest) { enlist(guest ? make<Member>() : new Member); }

private:
  void enlist(Member *m) {
    if (!m)
      return;
    m->seat = 7; // before it is published
    std::lock_guard<std::mutex> g(mu_);
    m->after = first_;
    first_ = m;
  }
  std::mutex mu_;
  Member *first_ = nullptr;
};

Roster roster;
void joiner() { roster.join(true); }
void joiners() {
  std::thread a(joiner), b(joiner);
  a.join();
  b.join();
}

// Kept positive: the same kind of write into one global member that both
// threads are handed.
Member host;
void seat(Member *m) { m->seat = 1; }
void seater() { seat(&host); }
void seaters() {
  std::thread a(seater), b(seater);
  a.join();
  b.join();
}
// CHECK: :52:27: warning: shared 'Member::seat' is written on the thread started at line 55 with no lock held, and written on another instance of that thread with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :55:15: note: thread entry 'seater' starts here
// CHECK: :53:17: note: 'seater' calls 'seat' here
// CHECK: :52:27: note: conflicting write of 'Member::seat' on the thread started at line 55
// CHECK: :55:26: note: thread entry 'seater' starts here
// CHECK: :53:17: note: 'seater' calls 'seat' here
