// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
// A loop that starts one thread per element and hands each its own
// element (`&parts[i]` at the loop's index, `&part` of a range-for, or a
// fresh `new` object; or, to a reference parameter, `std::ref` of the
// element or of a member of it): each thread owns what it reaches through
// that pointer or reference, so two threads of the loop do not race on
// it. One object handed to every thread is shared.
#include <functional>
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
  // CHECK: :[[@LINE-1]]:6: warning: read-modify-write of shared 'Totals::bytes' on the thread started at line 53 is not atomic and races with it being updated on another instance of that thread (no lock held on both sides); make it std::atomic or hold one mutex around both [concur-unguarded-shared-state]
  // CHECK: :53:5: note: thread entry 'count' starts here
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

struct Outcome {
  int code = 0;
  long rows = 0;
  void fail(int c) { code = c; }
  // CHECK: :[[@LINE-1]]:22: warning: shared 'Outcome::code' is written on the thread started at line 120 with no lock held, and written on another instance of that thread with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
  // CHECK: :120:5: note: thread entry 'lambda' starts here
  // CHECK: :117:40: note: 'lambda' calls 'Outcome::fail' here
};

struct Slice {
  Outcome status;
  long offset = 0;
};

void byReference(std::vector<Slice> &slices) {
  auto check = [](Outcome &out) {
    out.code = 1;
    out.rows += 10;
  };
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < slices.size(); ++i)
    pool.emplace_back(check, std::ref(slices[i].status));
  check(slices[0].status); // the spawner's own element
  for (auto &t : pool)
    t.join();
}

void oneOutcomeForAll(int n) {
  Outcome shared;
  auto check = [](Outcome &out) { out.code = 2; };
  // CHECK: :[[@LINE-1]]:39: warning: shared 'Outcome::code' is written on the thread started at line 100 with no lock held, and written on another instance of that thread with no lock held; guard both with one mutex or make it std::atomic [concur-unguarded-shared-state]
  // CHECK: :100:5: note: thread entry 'lambda' starts here
  std::vector<std::thread> pool;
  for (int i = 0; i < n; ++i)
    pool.emplace_back(check, std::ref(shared)); // the same object for every thread
  for (auto &t : pool)
    t.join();
}

// The same through the methods the thread calls on the object it was handed.
void byMethod(std::vector<Slice> &slices) {
  auto check = [](Outcome &out) { out.fail(3); };
  std::vector<std::thread> pool;
  for (std::size_t i = 0; i < slices.size(); ++i)
    pool.emplace_back(check, std::ref(slices[i].status));
  for (auto &t : pool)
    t.join();
}

void oneOutcomeByMethod(int n) {
  Outcome shared;
  auto check = [](Outcome *out) { out->fail(4); };
  std::vector<std::thread> pool;
  for (int i = 0; i < n; ++i)
    pool.emplace_back(check, &shared);
  for (auto &t : pool)
    t.join();
}

// A member function started on the object with each element, defined out
// of line: its parameter is the definition's.
class Compactor {
public:
  void run(std::vector<Slice> &slices) {
    std::vector<std::thread> pool;
    for (std::size_t i = 1; i < slices.size(); ++i)
      pool.emplace_back(&Compactor::work, this, &slices[i]);
    work(&slices[0]);
    for (auto &t : pool)
      t.join();
  }

private:
  void work(Slice *s);
  static void tally(Outcome *o) { o->rows += 1; }
};

void Compactor::work(Slice *s) {
  s->offset = 1;
  tally(&s->status);
}
