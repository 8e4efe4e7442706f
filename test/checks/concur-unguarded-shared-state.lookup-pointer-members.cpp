// What a pointer member of an object points to is reached through that
// object: when the object was looked up (a call's result, as a lock-free
// registry hands out one producer per thread), so is `this->tail->next`,
// and in a class without a mutex of its own it is not known to be shared.
// Through an object every thread names (a global), it is.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <thread>

struct Chunk {
  Chunk *next = nullptr;
  int used = 0;
};

class Producer {
public:
  void append(Chunk *fresh) {
    tail_->next = fresh;
    tail_ = fresh;
  }

private:
  Chunk first_;
  Chunk *tail_ = &first_;
};

Producer *producerForThisThread(); // defined elsewhere: one per thread

void produce(Chunk *c) {
  Producer *mine = producerForThisThread();
  mine->append(c);
}

Chunk chunks[4];
void producers() {
  std::thread a(produce, &chunks[0]), b(produce, &chunks[1]);
  a.join();
  b.join();
}

// Kept positive: every thread appends to the same producer.
Producer shared_producer;
void produceShared(Chunk *c) { shared_producer.append(c); }
void sharedProducers() {
  std::thread a(produceShared, &chunks[2]), b(produceShared, &chunks[3]);
  a.join();
  b.join();
}
// CHECK: :18:12: warning: shared 'Chunk::next' is written on the thread started at line 45 with no lock held{{.*}}[concur-unguarded-shared-state]
// CHECK: :45:15: note: thread entry 'produceShared' starts here
// CHECK: :43:48: note: 'produceShared' calls 'Producer::append' here
// CHECK: :18:12: note: conflicting write of 'Chunk::next' on the thread started at line 45
// CHECK: :45:45: note: thread entry 'produceShared' starts here
// CHECK: :43:48: note: 'produceShared' calls 'Producer::append' here
// CHECK: :19:5: warning: shared 'Producer::tail_' is written on the thread started at line 45 with no lock held{{.*}}[concur-unguarded-shared-state]
// CHECK: :45:15: note: thread entry 'produceShared' starts here
// CHECK: :43:48: note: 'produceShared' calls 'Producer::append' here
// CHECK: :19:5: note: conflicting write of 'Producer::tail_' on the thread started at line 45
// CHECK: :45:45: note: thread entry 'produceShared' starts here
// CHECK: :43:48: note: 'produceShared' calls 'Producer::append' here
