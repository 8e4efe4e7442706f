// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// Perfect-forwarding wrappers (std::make_unique, emplace_back) take their
// arguments as `Args&&`, so an lvalue binds as a non-const reference; what
// the argument is used for is the parameter the wrapper forwards it to.
// A constructor that takes it by const reference or by value only reads
// it; one that takes a non-const reference may change it.
#include <memory>
#include <string>
#include <thread>
#include <vector>

struct Window {
  Window(const std::vector<long> &seqs, long floor) : size(seqs.size() + floor) {}
  unsigned long size;
};

struct Scratch {
  explicit Scratch(std::string &buf) : buf(buf) { buf.clear(); }
  std::string &buf;
};

struct Job {
  std::vector<long> snapshots; // only read through the wrappers: no race
  long floor = 0;              // copied into the constructor: no race
  std::string buffer;          // bound to a non-const reference: a race

  void work() {
    auto w = std::make_unique<Window>(snapshots, floor);
    std::vector<Window> windows;
    windows.emplace_back(snapshots, floor);
    auto s = std::make_unique<Scratch>(buffer);
  }

  void run() {
    std::vector<std::thread> workers;
    for (int i = 0; i < 4; ++i)
      workers.emplace_back(&Job::work, this);
    for (std::thread &t : workers)
      t.join();
  }
};

int main() {
  Job j;
  j.run();
}

// CHECK: :32:40: warning: shared 'Job::buffer' is written on the thread started at line 38 with no lock held, and written on another instance of that thread with no lock held{{.*}}[concur-unguarded-shared-state]
// CHECK: :38:7: note: thread entry 'Job::work' starts here
