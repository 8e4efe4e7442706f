// Fields are locations by declaration (`Result::code`), but a member
// object is its own object: the `Result` a block carries and the `Result`
// a builder guards are two objects, though both are written through
// Result::operator=. A write that reaches a field through a method run on
// a member (`io_result = r`, `*out = ...` with `out` bound to
// `&block->result`) is a write to that member's field; writes through two
// different members never race. A write through a pointer or reference
// whose object is not known may be to either.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='warning:'
#include <mutex>
#include <thread>

// Negative: the compressing thread writes its block's Result, the
// finishing thread the builder's, under the builder's lock.
struct Result {
  int code = 0;
  Result &operator=(const Result &o) {
    code = o.code;
    return *this;
  }
};

struct Builder {
  std::mutex io_mu;
  Result io_result;
  void set_io_result(const Result &r) {
    std::lock_guard<std::mutex> l(io_mu);
    io_result = r;
  }
};

struct Block {
  Result result;
  int data = 0;
};

Builder builder;
Block current_block;

void verify(int data, Result *out) {
  if (data < 0)
    *out = Result{1};
}
void compress() { verify(current_block.data, &current_block.result); }
void finish() { builder.set_io_result(Result{}); }

// Positive: the same member written under the lock and without it.
struct Outcome {
  int code = 0;
  Outcome &operator=(const Outcome &o) {
    code = o.code;
    // CHECK: :[[@LINE-1]]:5: warning: shared 'Outcome::code' is written on the thread started at line {{[0-9]+}} with no lock held, and written on the thread started at line {{[0-9]+}} with only 'Ledger::mu' held
    return *this;
  }
};
struct Ledger {
  std::mutex mu;
  Outcome last;
  void record(const Outcome &o) {
    std::lock_guard<std::mutex> l(mu);
    last = o;
  }
};
Ledger ledger;
void settle() { ledger.record(Outcome{}); }
void abandon() { ledger.last = Outcome{}; }

// Positive: a write through a pointer whose object is not known may be
// to the guarded member.
struct Verdict {
  int code = 0;
  Verdict &operator=(const Verdict &o) {
    code = o.code;
    // CHECK: :[[@LINE-1]]:5: warning: shared 'Verdict::code' is written on the thread started at line {{[0-9]+}} with no lock held, and written on the thread started at line {{[0-9]+}} with only 'Court::mu' held
    return *this;
  }
};
struct Court {
  std::mutex mu;
  Verdict verdict;
  void judge(const Verdict &v) {
    std::lock_guard<std::mutex> l(mu);
    verdict = v;
  }
};
Court court;
Verdict *pending;
void decide() { court.judge(Verdict{}); }
void overwrite() { *pending = Verdict{2}; }

int main() {
  std::thread a(compress);
  std::thread b(finish);
  std::thread c(settle);
  std::thread d(abandon);
  std::thread e(decide);
  std::thread f(overwrite);
  a.join();
  b.join();
  c.join();
  d.join();
  e.join();
  f.join();
}
