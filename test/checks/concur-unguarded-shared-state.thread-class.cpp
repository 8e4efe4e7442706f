// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A thread class of the program's own, over pthreads: its constructor
// hands the function it is given to pthread_create, and its join() waits
// for the thread. Constructing one starts a thread (learned from the
// constructor's body); joining it orders what follows after the thread.
#include <pthread.h>

class Thread {
public:
  Thread(void *(*fn)(void *), void *arg) { pthread_create(&id_, nullptr, fn, arg); }
  void join() { pthread_join(id_, nullptr); }

private:
  pthread_t id_;
};

static long counter;

static void *work(void *) {
  counter++;
  // CHECK: :[[@LINE-1]]:3: warning: read-modify-write of shared 'counter' on the thread started at line 33 is not atomic and races with it being updated in 'main' while that thread runs (no lock held on both sides); make it std::atomic or hold one mutex around both [concur-unguarded-shared-state]
  // CHECK: :33:10: note: thread entry 'work' starts here
  // CHECK: :34:3: note: conflicting write of 'counter' in 'main' while that thread runs
  return nullptr;
}

int main() {
  Thread first(&work, nullptr);
  first.join();
  counter = 0; // the first thread has returned

  Thread second(&work, nullptr);
  counter++;
  // CHECK: :[[@LINE-1]]:3: warning: read-modify-write of shared 'counter' in 'main' while that thread runs is not atomic and races with it being updated on the thread started at line 33 (no lock held on both sides); make it std::atomic or hold one mutex around both [concur-unguarded-shared-state]
  // CHECK: :21:3: note: conflicting write of 'counter' on the thread started at line 33
  // CHECK: :33:10: note: thread entry 'work' starts here
  second.join();
  return (int)counter;
}
