// An object a thread looked up (a pointer it took from a queue) in a class
// that holds no mutex is not known to be shared: lock-free code hands such
// objects out one per thread (RacerD's assumption for classes that do not
// lock). That holds also when the thread hands a part of it to a helper
// (`verify(&b->result)`) that writes through its parameter: the helper's
// `*out` is the looked-up object's member, not a location of its own.
// RUN: %clang_tidy -checks='-*,concur-unguarded-shared-state' %s -- -std=c++20 -pthread 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='warning:'
#include <deque>
#include <mutex>
#include <thread>

template <typename T> class WorkQueue {
public:
  void push(T item) {
    std::lock_guard<std::mutex> l(mu_);
    items_.push_back(item);
  }
  bool pop(T &item) {
    std::lock_guard<std::mutex> l(mu_);
    if (items_.empty())
      return false;
    item = items_.front();
    items_.pop_front();
    return true;
  }

private:
  std::mutex mu_;
  std::deque<T> items_;
};

struct Result {
  int code = 0;
};

// Negative: each compressing thread verifies the block it took.
struct Block {
  Result result;
  int data = 0;
};
WorkQueue<Block *> blocks;

void verify(int data, Result *out) {
  if (data < 0)
    out->code = 1;
}
void compress() {
  Block *b = nullptr;
  while (blocks.pop(b))
    verify(b->data, &b->result);
}

// Positive: an account holds its own mutex, so one taken from the queue
// is one of the shared accounts, and the helper writes it unguarded.
struct Account {
  std::mutex mu;
  int balance = 0;
};
WorkQueue<Account *> accounts;

void credit(Account *acct) { acct->balance += 1; }
// CHECK: :[[@LINE-1]]:36: warning: read-modify-write of shared 'Account::balance'
void settle() {
  Account *a = nullptr;
  while (accounts.pop(a))
    credit(a);
}

int main() {
  std::thread c1(compress), c2(compress);
  std::thread s1(settle), s2(settle);
  c1.join();
  c2.join();
  s1.join();
  s2.join();
}
