// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <atomic>
#include <thread>
#include <vector>

// A guard derived from a scoped lock whose constructor finds its own mutex
// (the bucket of a hash) holds that mutex until it is destroyed, as its
// base would. A derived class that only finds the bucket holds nothing.
// A spin mutex and its scoped lock, learned from their bodies.
class SpinMutex {
public:
  void lock() { while (flag_.exchange(true)) {} }
  bool try_lock() { return !flag_.exchange(true); }
  void unlock() { flag_.store(false); }
private:
  std::atomic<bool> flag_{false};
};

class ScopedLock {
public:
  ScopedLock() = default;
  explicit ScopedLock(SpinMutex &m) { acquire(m); }
  ~ScopedLock() { if (m_) release(); }
  ScopedLock(const ScopedLock &) = delete;
  void acquire(SpinMutex &m) { m_ = &m; m.lock(); }
  bool try_acquire(SpinMutex &m) { bool ok = m.try_lock(); if (ok) m_ = &m; return ok; }
  void release() { SpinMutex *m = m_; m_ = nullptr; m->unlock(); }
private:
  SpinMutex *m_ = nullptr;
};

struct Node { Node *next = nullptr; int key = 0; };
struct Bucket { SpinMutex mutex; Node *head = nullptr; };

class Table {
  // A guard that finds its own mutex: the bucket of a hash.
  class BucketLock : public ScopedLock {
  public:
    BucketLock(Table *t, int h) { b_ = &t->buckets_[h % 8]; acquire(b_->mutex); }
    Bucket *operator()() { return b_; }
  private:
    Bucket *b_;
  };

  // Finds the bucket, locks nothing.
  class BucketRef : public ScopedLock {
  public:
    BucketRef(Table *t, int h) : b_(&t->buckets_[h % 8]) {}
    Bucket *operator()() { return b_; }
  private:
    Bucket *b_;
  };

public:
  int count(int h) {
    BucketRef b(this, h);
    int n = 0;
    for (Node *p = b()->head; p; p = p->next)
      n++;
    return n;
  }
  void insert(Node *n, int h) {
    BucketLock b(this, h);
    n->next = b()->head;
    b()->head = n;
  }
  bool erase(int h) {
    BucketLock b(this, h);
    Node *n = b()->head;
    if (!n)
      return false;
    b()->head = n->next;
    return true;
  }

private:
  Bucket buckets_[8];
};

int main() {
  Table t;
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; i++)
    ts.emplace_back([&t, i] {
      static thread_local Node n;
      t.insert(&n, i);
      t.erase(i);
      t.count(i);
    });
  for (auto &th : ts)
    th.join();
}
// CHECK: :59:25: warning: shared 'Bucket::head' is read on the thread started at line 85 with no lock held, and written on another instance of that thread with only 'Bucket::mutex' held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :85:5: note: thread entry 'lambda' starts here
// CHECK: :89:9: note: 'lambda' calls 'Table::count' here
// CHECK: :66:10: note: conflicting write of 'Bucket::head' on another instance of that thread
// CHECK: :85:5: note: thread entry 'lambda' starts here
// CHECK: :87:9: note: 'lambda' calls 'Table::insert' here
// CHECK: :64:16: note: 'Bucket::mutex' is held here
