// A method of the program's own class whose body is in another file (a
// queue's push(), a thread handle's start(), a logger's write()) may
// synchronise inside: what it does to its object is unknown here, and an
// unknown effect is not reported as a write (as RacerD does). A library
// container's mutators (system headers) and a method whose body is visible
// are still accesses.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <thread>
#include <vector>

class MessageQueue {
public:
  void push(int message); // defined in message_queue.cpp, locks inside
  bool tryPop(int &message);

private:
  struct State;
  State *state;
  int pending = 0;
};

MessageQueue inbox;

void producer() {
  for (int i = 0; i < 10; ++i)
    inbox.push(i);
}
void producers() {
  std::thread a(producer), b(producer);
  a.join();
  b.join();
}

// Kept positive: a visible method body is summarised, and it races.
class Tally {
public:
  void add(int n) { total += n; }

private:
  int total = 0;
};
Tally tally;
void adder() { tally.add(1); }
void adders() {
  std::thread a(adder), b(adder);
  a.join();
  b.join();
}

// Kept positive: a standard container's mutator is a write.
std::vector<int> seen;
void recorder() { seen.push_back(1); }
void recorders() {
  std::thread a(recorder), b(recorder);
  a.join();
  b.join();
}
// CHECK: :38:21: warning: read-modify-write of shared 'Tally::total'{{.*}}[concur-unguarded-shared-state]
// CHECK: :46:15: note: thread entry 'adder' starts here
// CHECK: :44:22: note: 'adder' calls 'Tally::add' here
// CHECK: :38:21: note: conflicting write of 'Tally::total'
// CHECK: :46:25: note: thread entry 'adder' starts here
// CHECK: :44:22: note: 'adder' calls 'Tally::add' here
// CHECK: :53:19: warning: shared 'seen' is written{{.*}}[concur-unguarded-shared-state]
// CHECK: :55:15: note: thread entry 'recorder' starts here
// CHECK: :53:19: note: conflicting write of 'seen'
// CHECK: :55:28: note: thread entry 'recorder' starts here
