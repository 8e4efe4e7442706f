// Threads kept in a built-in array, started and joined by range-for loops
// over it: every element started in the first loop is joined by the
// second, so the locals they use outlive them, and what the spawner reads
// after the join loop is ordered after the threads' writes.
// RUN: %clang_tidy -checks='-*,concur-thread-captures-local,concur-unguarded-shared-state' %s \
// RUN:   -- -std=c++20 -pthread 2>&1 | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>
#include <thread>

int report(int);

int countersJoined() {
  std::mutex m;
  int total = 0;
  std::thread workers[4];
  for (std::thread &w : workers)
    w = std::thread([&m, &total] {
      std::lock_guard<std::mutex> g(m);
      ++total;
    });
  for (std::thread &w : workers)
    w.join();
  return report(total); // after every join
}

// Kept positives: the join loop walks another array, so the first array's
// threads outlive `hits`, and race with each other.
int countersLeaked() {
  int hits = 0;
  std::thread started[2], others[2];
  for (std::thread &s : started)
    s = std::thread([&hits] { ++hits; });
  for (std::thread &o : others)
    if (o.joinable())
      o.join();
  for (std::thread &s : started)
    s.detach();
  return hits;
}
// CHECK: :32:23: warning: local 'hits' is passed by reference to a thread that is not waited for before 'started' goes out of scope{{.*}}[concur-thread-captures-local]
// CHECK: :38:10: note: 'started' ends here without a join or wait on every path
// CHECK: :29:7: note: 'hits' is a local of 'countersLeaked', declared here
// CHECK: :32:33: warning: read-modify-write of shared 'hits' on the thread started at line 32 {{.*}}[concur-unguarded-shared-state]
// CHECK: :32:9: note: thread entry 'lambda' starts here
