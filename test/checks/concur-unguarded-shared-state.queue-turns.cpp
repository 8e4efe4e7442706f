// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
//
// Threads take turns through a queue (model/QueueTurns.h): each waits,
// under the mutex, for its own ticket to reach the front, then works with
// the mutex released until it pops the front. What the turn holders touch
// is not raced among them; a thread that skips the queue still races.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

struct Ticket {
  bool done = false;
};
std::mutex mu;
std::condition_variable turn_cv;
std::deque<Ticket *> waiting;
long flushed; // touched by the turn holder only
long dropped; // also by drop(), without the turn

void flush(long n);

void flushInTurn(long n) {
  Ticket t;
  std::unique_lock<std::mutex> lk(mu);
  waiting.push_back(&t);
  while (!t.done && &t != waiting.front())
    turn_cv.wait(lk);
  lk.unlock();
  flush(n);
  flushed += n;
  dropped += 1;
  lk.lock();
  waiting.pop_front();
  turn_cv.notify_all();
}

void drop() { dropped = 0; }

void flushers() {
  std::thread a(flushInTurn, 1), b(flushInTurn, 2), c(drop);
  a.join();
  b.join();
  c.join();
}

// CHECK: :33:3: warning: read-modify-write of shared 'dropped' on the thread started at line 42 is not atomic and races with it being written on another thread started on that line (no lock held on both sides); make it std::atomic or hold one mutex around both [concur-unguarded-shared-state]
// CHECK: :42:15: note: thread entry 'flushInTurn' starts here
// CHECK: :39:15: note: conflicting write of 'dropped' on the thread started at line 42
// CHECK: :42:53: note: thread entry 'drop' starts here
// CHECK: :39:15: warning: shared 'dropped' is written on the thread started at line 42 with no lock held, and updated on another thread started on that line with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
// CHECK: :42:53: note: thread entry 'drop' starts here
// CHECK: :33:3: note: conflicting write of 'dropped' on the thread started at line 42
// CHECK: :42:15: note: thread entry 'flushInTurn' starts here
