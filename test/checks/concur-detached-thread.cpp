// RUN: %clang_tidy -checks='-*,concur-detached-thread' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>

std::map<int, std::string> registry; // destroyed at exit
std::atomic<int> ticks{0};           // trivial destructor: fine
thread_local std::string scratch;    // per thread: fine

void record(int k) { registry[k] = "seen"; }

// ---- Positives -------------------------------------------------------------

void start_logger() {
  std::thread([] {
    for (int i = 0;; ++i)
      record(i);
  }).detach();
  // CHECK: :[[@LINE-1]]:6: warning: detached thread uses 'registry', which has static storage and a destructor that runs at exit while the thread may still be using it
  // CHECK: :[[@LINE-3]]:7: note: the thread calls 'record' here
  // CHECK: :[[@LINE-11]]:22: note: 'registry' is used here
  // CHECK: :[[@LINE-16]]:28: note: 'registry' is destroyed at exit; declared here
}

void function_static() {
  std::thread t([] {
    static std::string last;
    last = "x";
  });
  t.detach();
  // CHECK: :[[@LINE-1]]:5: warning: detached thread uses 'last'
  // CHECK: :[[@LINE-4]]:5: note: 'last' is used here
  // CHECK: :[[@LINE-6]]:24: note: 'last' is destroyed at exit; declared here
}

struct Poller {
  int hits = 0;
  void run() { ++hits; }
  void start() { std::thread(&Poller::run, this).detach(); }
  // CHECK: :[[@LINE-1]]:50: warning: detached thread uses 'this' of 'Poller', but 'p' is an automatic object: the thread keeps running after 'p' is destroyed
  // CHECK: :[[@LINE-2]]:44: note: the thread gets 'this' here
  // CHECK: :[[@LINE+5]]:5: note: 'p' lives on the stack of 'poll_once'
};

void poll_once() {
  Poller p;
  p.start();
}

// ---- Look-alikes that are fine ---------------------------------------------

struct Daemon {
  int hits = 0;
  void start() {
    std::thread([this] { ++hits; }).detach(); // only heap instances below
  }
};
void heap_daemon() {
  auto *d = new Daemon; // lives forever
  d->start();
  std::thread([] { ++ticks; scratch = "t"; }).detach();
  auto owned = std::make_shared<std::string>("x");
  std::thread([owned] { owned->append("y"); }).detach();
}

void joined_not_detached() {
  std::thread t([] { record(1); });
  t.join();
}
