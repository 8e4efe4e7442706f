// A container's allocator is used, not assigned, when the container
// allocates through std::allocator_traits: threads inserting into one
// (internally synchronised) container share its allocator by design.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <memory>
#include <thread>

struct Arena {
  std::atomic<long> used{0};
};
template <typename T> struct ArenaAllocator {
  using value_type = T;
  Arena *arena;
  explicit ArenaAllocator(Arena *a) : arena(a) {}
  T *allocate(std::size_t n) {
    arena->used += long(n * sizeof(T));
    return static_cast<T *>(::operator new(n * sizeof(T)));
  }
  void deallocate(T *p, std::size_t) { ::operator delete(p); }
};

struct Node {
  explicit Node(int v) : value(v) {}
  int value;
  std::atomic<Node *> next{nullptr};
};
class Stack {
  using Traits = std::allocator_traits<ArenaAllocator<Node>>;

public:
  explicit Stack(Arena *a) : alloc_(a) {}
  void push(int v) {
    Node *n = Traits::allocate(alloc_, 1);
    Traits::construct(alloc_, n, v);
    Node *old = head_.load();
    do
      n->next.store(old);
    while (!head_.compare_exchange_weak(old, n));
  }
  void rebind(Arena *a) { alloc_ = ArenaAllocator<Node>(a); }

private:
  ArenaAllocator<Node> alloc_;
  std::atomic<Node *> head_{nullptr};
};

Arena arena, other;
Stack stack(&arena);
void pusher() { stack.push(1); }
void pushers() {
  std::thread a(pusher), b(pusher);
  a.join();
  b.join();
}

// Kept positive: re-pointing the allocator while another thread allocates.
void rebinder() { stack.rebind(&other); }
void rebindWhilePushing() {
  std::thread a(pusher), b(rebinder);
  a.join();
  b.join();
}
// CHECK: :42:27: warning: shared 'Stack::alloc_' is written on the thread started at line 61 with no lock held, and read on another thread started on that line with no lock held; guard both with one mutex or make it std::atomic{{.*}}[concur-unguarded-shared-state]
// CHECK: :61:26: note: thread entry 'rebinder' starts here
// CHECK: :59:25: note: 'rebinder' calls 'Stack::rebind' here
// CHECK: :35:32: note: conflicting read of 'Stack::alloc_' on the thread started at line 61
// CHECK: :61:15: note: thread entry 'pusher' starts here
// CHECK: :51:23: note: 'pusher' calls 'Stack::push' here
