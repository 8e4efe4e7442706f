// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A loop that starts one thread per element and hands each its own
// element (`&parts[i]` at the loop's index, `&part` of a range-for, or a
// fresh `new` object): each thread owns what it reaches through that
// pointer, so two threads of the loop do not race on it. One object
// handed to every thread is shared.
#include <thread>
#include <vector>

struct Part {
  long bytes = 0;
  int status = 0;
};

struct Totals {
  long bytes = 0;
};

static void process(Part *p) {
  p->bytes += 10;
  p->status = 1;
}

static void count(Totals *t) {
  t->bytes += 10;
  // CHECK: :[[@LINE-1]]:6: warning: read-modify-write of shared 'Totals::bytes' on the thread started at line 51 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides); make it std::atomic or hold one mutex around both [concur-unguarded-shared-state]
  // CHECK: :51:5: note: thread entry 'count' starts here
}

void byIndex(std::vector<Part> &parts) {
  std::vector<std::thread> pool;
  for (std::size_t i = 0; i < parts.size(); ++i)
    pool.emplace_back(process, &parts[i]);
  for (auto &t : pool)
    t.join();
}

void byElement(std::vector<Part> &parts) {
  std::vector<std::thread> pool;
  for (Part &part : parts)
    pool.emplace_back(process, &part);
  for (auto &t : pool)
    t.join();
}

void oneForAll(int n) {
  Totals totals;
  std::vector<std::thread> pool;
  for (int i = 0; i < n; ++i)
    pool.emplace_back(count, &totals); // the same object for every thread
  for (auto &t : pool)
    t.join();
}

void fresh(int n) {
  std::vector<std::thread> pool;
  for (int i = 0; i < n; ++i)
    pool.emplace_back([](Part *p) { process(p); delete p; }, new Part);
  for (auto &t : pool)
    t.join();
}
