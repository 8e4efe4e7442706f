// An object handed on with std::move or std::forward to a reference
// parameter (`insert(std::move(h))` taking `Handle &&`) is still the
// caller's object: a local moved into a callee stays private to its call.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <thread>
#include <utility>

struct Node {
  int value;
};

class Handle {
public:
  explicit Handle(Node *n) : node(n) {}
  bool empty() const { return node == nullptr; }
  void release() { node = nullptr; }

private:
  Node *node;
};

struct HandleOps {
  template <class H> static void drop(H &h) { h.release(); }
};

class Table {
public:
  bool insert(Handle &&h) {
    if (h.empty())
      return false;
    HandleOps::drop(h);
    return true;
  }
  template <class H> bool forwardInsert(H &&h) { return insert(std::forward<H>(h)); }
  void absorb(Node *nodes, int n) {
    for (int i = 0; i < n; ++i) {
      Handle h(&nodes[i]);
      if (i % 2)
        insert(std::move(h));
      else
        forwardInsert(std::move(h));
    }
  }
};

Table table;
Node nodes[2][8];
void absorber(int k) { table.absorb(nodes[k], 8); }
void absorbers() {
  std::thread a(absorber, 0), b(absorber, 1);
  a.join();
  b.join();
}

// Kept positive: a global handle moved into the callee is one object.
Handle spare{nullptr};
void donate() { table.insert(std::move(spare)); }
void donors() {
  std::thread a(donate), b(donate);
  a.join();
  b.join();
}
// CHECK: :17:20: warning: shared 'Handle::node' is written on the thread started at line 60 with no lock held, and read on another instance of that thread with no lock held; guard both with one mutex or make it std::atomic {{.*}}[concur-unguarded-shared-state]
// CHECK: :60:15: note: thread entry 'donate' starts here
// CHECK: :58:23: note: 'donate' calls 'Table::insert' here
// CHECK: :32:5: note: 'Table::insert' calls 'HandleOps::drop' here
// CHECK: :24:49: note: 'HandleOps::drop' calls 'Handle::release' here
// CHECK: :16:31: note: conflicting read of 'Handle::node' on the thread started at line 60
// CHECK: :60:26: note: thread entry 'donate' starts here
// CHECK: :58:23: note: 'donate' calls 'Table::insert' here
// CHECK: :30:11: note: 'Table::insert' calls 'Handle::empty' here
// CHECK: :58:40: warning: shared 'spare' is written on the thread started at line 60 with no lock held, and written on another instance of that thread with no lock held; guard both with one mutex or make it std::atomic {{.*}}[concur-unguarded-shared-state]
// CHECK: :60:15: note: thread entry 'donate' starts here
// CHECK: :58:40: note: conflicting write of 'spare' on the thread started at line 60
// CHECK: :60:26: note: thread entry 'donate' starts here
