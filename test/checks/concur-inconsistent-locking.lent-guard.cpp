// A guard lent by reference carries the lender's mutex both ways: the
// borrower's `lk.lock()` takes the lender's mutex, and when the borrower
// returns with the guard locked again, the lender holds its mutex after
// the call.
// RUN: %clang_tidy -checks='-*,concur-inconsistent-locking' %s -- -std=c++20 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|note}}:'
#include <mutex>
#include <string>

void writeOut(const std::string &);

class Journal {
public:
  void append(const std::string &line) {
    std::unique_lock<std::mutex> lk(mu_);
    pending_ += line;
    std::string out = std::move(pending_);
    lk.unlock(); // write without blocking appenders
    writeOut(out);
    relock(lk);
    // relock() took mu_ back before returning.
    bytes_ += out.size();
  }

  void reset() {
    std::lock_guard<std::mutex> g(mu_);
    bytes_ = 0;
    relocks_ = 0;
  }

  // Kept positive: a borrower that may return with the guard let go.
  void trim(std::unique_lock<std::mutex> &lk, bool slow) {
    if (slow)
      lk.unlock();
    // CHECK: :[[@LINE+1]]:5: warning: 'Journal::bytes_' is written without 'Journal::mu_' held in 'Journal::trim'{{.*}}[concur-inconsistent-locking]
    bytes_ = 0;
  }
  // CHECK: :22:5: note: 'Journal::bytes_' is written with 'Journal::mu_' held here, in 'Journal::append'
  // CHECK: :20:5: note: 'Journal::mu_' is acquired here

private:
  void relock(std::unique_lock<std::mutex> &lk) {
    lk.lock();
    ++relocks_; // under the lender's mu_
  }

  std::mutex mu_;
  std::string pending_;
  long bytes_ = 0;
  int relocks_ = 0;

public:
  int relocks() {
    std::lock_guard<std::mutex> g(mu_);
    return relocks_;
  }
};

void useJournal(Journal &j) {
  j.append("x");
  std::unique_lock<std::mutex> lk;
  j.trim(lk, true);
}

// Kept positive: a caller that lets go of the lent guard before the call
// does not pass its callers' lock on to the helper.
class Pool {
public:
  void open() {
    std::unique_lock<std::mutex> lk(mu_);
    ++opens_;
    grow(lk);
  }
  void reset() {
    std::lock_guard<std::mutex> g(mu_);
    size_ = 0;
    opens_ = 0;
  }
  // Public; its one caller here has let mu_ go.
  void resize() {
    // CHECK: :[[@LINE+1]]:7: warning: 'Pool::size_' is written without 'Pool::mu_' held in 'Pool::resize'{{.*}}[concur-inconsistent-locking]
    ++size_;
  }
  // CHECK: :76:5: note: 'Pool::size_' is written with 'Pool::mu_' held here, in 'Pool::reset'
  // CHECK: :75:33: note: 'Pool::mu_' is acquired here

private:
  void grow(std::unique_lock<std::mutex> &lk) {
    lk.unlock(); // let others in while this allocates
    resize();
  }
  std::mutex mu_;
  int size_ = 0;
  int opens_ = 0;
};
