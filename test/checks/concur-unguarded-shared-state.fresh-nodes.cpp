// A node a call made (or looked up) in a class with no mutex is handed out
// one per thread (lock-free code publishes it by compare-and-swap), also
// when it is passed on to a helper: the helper's pointer parameter is the
// caller's pointer, followed up the call chain.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <thread>

struct Cell {
  int rank = 0;
  std::atomic<Cell *> next{nullptr};
  void setRank(int r) { rank = r; }
  void bump() { ++rank; }
};

class Stack {
public:
  void push(int r) {
    if (r > limit)
      return;
    Cell *c = makeCell();
    while (!link(c, r)) {
    }
  }

private:
  static Cell *makeCell() { return new Cell; }
  bool link(Cell *c, int r) {
    c->setRank(r); // not yet published
    if (c->rank < 0)
      return true;
    Cell *top = head.load();
    c->next.store(top);
    return head.compare_exchange_strong(top, c);
  }
  std::atomic<Cell *> head{nullptr};
  int limit = 64; // not only atomics: push() is not a synchronising member
};

Stack stack;
void pusher() { stack.push(1); }
void pushers() {
  std::thread a(pusher), b(pusher);
  a.join();
  b.join();
}

// Kept positive: the one global cell, handed to the helper by address.
Cell pinned;
void rerank(Cell *c) { c->bump(); }
void reranker() { rerank(&pinned); }
void rerankers() {
  std::thread a(reranker), b(reranker);
  a.join();
  b.join();
}
// CHECK: :14:19: warning: read-modify-write of shared 'Cell::rank' on the thread started at line 54 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides); make it std::atomic or hold one mutex around both {{.*}}[concur-unguarded-shared-state]
// CHECK: :54:15: note: thread entry 'reranker' starts here
// CHECK: :52:19: note: 'reranker' calls 'rerank' here
// CHECK: :51:27: note: 'rerank' calls 'Cell::bump' here
// CHECK: :14:19: note: conflicting write of 'Cell::rank' on the thread started at line 54
// CHECK: :54:28: note: thread entry 'reranker' starts here
// CHECK: :52:19: note: 'reranker' calls 'rerank' here
// CHECK: :51:27: note: 'rerank' calls 'Cell::bump' here
