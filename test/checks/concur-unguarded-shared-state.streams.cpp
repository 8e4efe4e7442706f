// The standard streams are synchronised (sync_with_stdio): two threads
// writing to std::cout interleave their output but do not race. A string
// stream of the program's own is an ordinary object.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <iostream>
#include <sstream>
#include <thread>

void report(int id) {
  std::cout << "worker " << id << " done\n";
  std::cerr << "worker " << id << " warning\n";
  std::clog << id << std::endl;
}

void reporters() {
  std::thread a(report, 1), b(report, 2);
  a.join();
  b.join();
}

std::ostringstream transcript;
void note(int id) {
  // CHECK: :[[@LINE+1]]:3: warning: shared 'transcript' is written on the thread started at line [[@LINE+5]]{{.*}}[concur-unguarded-shared-state]
  transcript << id;
}

void notes() {
  std::thread a(note, 1), b(note, 2);
  // CHECK: :[[@LINE-1]]:15: note: thread entry 'note' starts here
  // CHECK: :[[@LINE-6]]:3: note: conflicting write of 'transcript' on the thread started at line [[@LINE-2]]
  // CHECK: :[[@LINE-3]]:27: note: thread entry 'note' starts here
  a.join();
  b.join();
}
