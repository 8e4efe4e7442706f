// A base class that takes no lock leaves the locking to the derived class
// that owns the mutex: the base's own methods are not reported, even though
// the derived class calls them under its lock. The derived class's methods
// that skip the lock still are.
// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>

class CountedList {
public:
  void pushFront(int *node) {
    head = node;
    ++size;
  }
  void remove(int *node) {
    if (head == node)
      head = nullptr;
    --size;
  }
  int count() const { return size; }

protected:
  int *head = nullptr;
  int size = 0;
};

class SharedList : public CountedList {
public:
  void add(int *node) {
    std::lock_guard<std::mutex> g(mu);
    pushFront(node);
  }
  void drop(int *node) {
    std::lock_guard<std::mutex> g(mu);
    remove(node);
  }
  // Kept positive: the owner of the mutex reads without it.
  int approximateSize() { return size; }

private:
  std::mutex mu;
};
// CHECK: :38:34: warning: 'CountedList::size' is read without 'SharedList::mu' held in 'SharedList::approximateSize'{{.*}}[concur-inconsistent-locking]
// CHECK: :13:7: note: 'CountedList::size' is written with 'SharedList::mu' held here, in 'CountedList::pushFront'
// CHECK: :30:33: note: 'SharedList::mu' is acquired here
